#!/usr/bin/python3
"""Validates SARIF logs: SARIF 2.1.0 schema and spec rules.

usage: validate_sarif.py [--schema FILE] LOG.sarif...

Always runs Microsoft's SARIF multitool (tests/sarif_multitool.sh, installed
by the suite into a cache), which checks the schema itself, with its SARIF
rules only (SARIF_RULE_KIND=Sarif; the GitHub upload rules are the
sarif.multitool test's job). As an extra check, when a copy of the OASIS
draft-04 schema is at hand (--schema FILE, $SARIF_SCHEMA, or
shared/sarif/sarif-schema-2.1.0.json beside the repository, as in the
workspace), the logs are also checked against it with python3-jsonschema.
A bare clone has no such copy and needs none.
Exit status: 0 if every log is valid, 1 if one is not, 2 on usage errors.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def default_schema():
    if os.environ.get("SARIF_SCHEMA"):
        return os.environ["SARIF_SCHEMA"]
    path = os.path.join(HERE, "..", "..", "shared", "sarif", "sarif-schema-2.1.0.json")
    return path if os.path.exists(path) else None


def multitool(paths):
    env = dict(os.environ, SARIF_RULE_KIND="Sarif")
    r = subprocess.run(["bash", os.path.join(HERE, "sarif_multitool.sh"), *paths],
                       env=env, stdout=subprocess.DEVNULL)
    return r.returncode


def schema_check(schema_path, paths):
    import jsonschema

    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
    except OSError as e:
        print(f"validate_sarif: cannot read schema: {e}", file=sys.stderr)
        return 2
    validator = jsonschema.Draft4Validator(schema)
    bad = 0
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                log = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{path}: {e}", file=sys.stderr)
            bad += 1
            continue
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        for e in errors:
            where = "/".join(str(p) for p in e.absolute_path) or "(root)"
            print(f"{path}: {where}: {e.message}", file=sys.stderr)
        bad += bool(errors)
    return 1 if bad else 0


def main(argv):
    args = argv[1:]
    schema_path = default_schema()
    if len(args) >= 2 and args[0] == "--schema":
        schema_path, args = args[1], args[2:]
    if not args:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    rc = multitool(args)
    if schema_path:
        rc = max(rc, schema_check(schema_path, args))
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv))
