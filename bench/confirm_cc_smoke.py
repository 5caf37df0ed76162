#!/usr/bin/env python3
"""Compiles the units of a real code base's compile_commands.json with
`connlint cc`, to check that instrumented copies build wherever the
originals do. Objects go to a temporary directory; the tree is not written.
Reports units compiled plainly, instrumented builds that failed, and the
instrumenter's counts (CONNLINT_CC_VERBOSE).

usage: confirm_cc_smoke.py --connlint BIN --db DIR [--limit N]
  e.g. --db "$(SMOKE_CACHE=/work/smoke-cache bench/fetch.sh curl)"
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--connlint", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    bin_ = os.path.abspath(args.connlint)
    entries = json.load(open(os.path.join(args.db, "compile_commands.json")))
    entries = [e for e in entries if e["file"].endswith(".c")]
    if args.limit:
        entries = entries[:args.limit]
    tmp = tempfile.mkdtemp(prefix="cc-smoke-")
    plain_ok = inst_ok = failed = 0
    totals = {"findings": 0, "fault": 0, "release": 0, "leak point": 0, "skipped": 0}
    for i, e in enumerate(entries):
        argv = e.get("arguments") or e["command"].split()
        out = os.path.join(tmp, f"{i}.o")
        argv = [a for a in argv]
        if "-o" in argv:
            argv[argv.index("-o") + 1] = out
        else:
            argv += ["-o", out]
        r = subprocess.run(argv, cwd=e["directory"], capture_output=True, text=True)
        if r.returncode != 0:
            continue
        plain_ok += 1
        env = dict(os.environ, CONNLINT_CC_VERBOSE="1", TMPDIR=tmp)
        r = subprocess.run([bin_, "cc"] + argv, cwd=e["directory"], env=env, capture_output=True,
                           text=True)
        if r.returncode == 0:
            inst_ok += 1
        else:
            failed += 1
            print(f"FAILED {e['file']}:\n" + "\n".join(r.stderr.splitlines()[:8]), file=sys.stderr)
        m = re.search(r"(\d+) findings? instrumented, (\d+) fault sites?, (\d+) releases?, "
                      r"(\d+) leak points?, (\d+) skipped", r.stderr)
        if m:
            for k, v in zip(totals, m.groups()):
                totals[k] += int(v)
    print(f"{len(entries)} units: {plain_ok} compile plainly; with connlint cc {inst_ok} compile, "
          f"{failed} fail; instrumented {totals['findings']} findings, {totals['fault']} fault "
          f"sites, {totals['release']} release calls, {totals['leak point']} leak points; "
          f"{totals['skipped']} sites skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
