#!/usr/bin/python3
"""Validates SARIF logs against the OASIS SARIF 2.1.0 JSON schema.

usage: validate_sarif.py [--schema FILE] LOG.sarif...

The schema is draft-04; by default it is shared/sarif/sarif-schema-2.1.0.json
beside the repository (the workspace's shared/ directory), or $SARIF_SCHEMA.
Exit status: 0 if every log is valid, 1 if one is not, 2 on usage errors.
Needs python3-jsonschema (Debian's /usr/bin/python3 has it).
"""
import json
import os
import sys

import jsonschema


def default_schema():
    if os.environ.get("SARIF_SCHEMA"):
        return os.environ["SARIF_SCHEMA"]
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, "..", "..", "shared", "sarif", "sarif-schema-2.1.0.json")


def main(argv):
    args = argv[1:]
    schema_path = default_schema()
    if len(args) >= 2 and args[0] == "--schema":
        schema_path, args = args[1], args[2:]
    if not args:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
    except OSError as e:
        print(f"validate_sarif: cannot read schema: {e}", file=sys.stderr)
        return 2
    validator = jsonschema.Draft4Validator(schema)
    bad = 0
    for path in args:
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


if __name__ == "__main__":
    sys.exit(main(sys.argv))
