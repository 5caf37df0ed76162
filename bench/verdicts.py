#!/usr/bin/python3
"""verdicts.py - precision of connlint on the real-code smoke set.

bench/smoke.sh leaves one SARIF log per code base in bench/out/. Each code
base has a file of hand-read verdicts in bench/verdicts/ (same name, .txt):

    # file:line rule verdict reason
    src/config.c:1103 connlint-file-leak true fstat fails: returns without fclose

where verdict is `true`, `deliberate` (true, but the code means it: the
process exits, a documented lock protocol) or `false`. A finding is keyed by
its file (relative to the code base), line and rule id, which stay put while
the analyzer changes, so a verdict read once keeps counting.

For each code base this prints the findings by verdict, the precision
true / (true + false) with deliberate ones counted apart, the findings
nobody has read yet (read them, then add a line), and the true findings that
are no longer reported (lost recall: look before accepting the change).

Usage: verdicts.py [--out bench/out] [--verdicts bench/verdicts]
                   [--min-precision PCT]
Exit status: 0, or 1 when --min-precision is given and the overall
precision of the read findings is below it, or some finding is unread.
"""

import argparse
import json
import os
import sys
from urllib.parse import unquote, urlparse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = ("true", "deliberate", "false")


def read_verdicts(path):
    """Maps (file, line, rule) to (verdict, reason)."""
    table = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 3)
            if len(parts) < 3 or parts[2] not in KINDS or ":" not in parts[0]:
                sys.exit("%s:%d: expected 'file:line rule verdict reason'" % (path, n))
            file, _, lno = parts[0].rpartition(":")
            table[(file, int(lno), parts[1])] = (parts[2], parts[3] if len(parts) > 3 else "")
    return table


def relative(uri, base):
    """The result's file relative to the code base's directory name."""
    path = unquote(urlparse(uri).path) if uri.startswith("file:") else uri
    marker = "/" + base + "/"
    i = path.find(marker)
    return path[i + len(marker):] if i >= 0 else path


def read_findings(sarif, base):
    with open(sarif) as f:
        log = json.load(f)
    found = set()
    for run in log.get("runs", []):
        for r in run.get("results", []):
            if r.get("suppressions"):
                continue
            loc = r["locations"][0]["physicalLocation"]
            found.add((relative(loc["artifactLocation"]["uri"], base),
                       loc["region"]["startLine"], r["ruleId"]))
    return found


def pct(num, den):
    return "n/a" if den == 0 else "%.0f%%" % (100.0 * num / den)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    ap.add_argument("--verdicts", default=os.path.join(ROOT, "bench", "verdicts"))
    ap.add_argument("--min-precision", type=float)
    args = ap.parse_args()

    total = dict.fromkeys(KINDS + ("unread",), 0)
    print("| code base | findings | true | deliberate | false | unread | precision | true no longer found |")
    print("|---|---|---|---|---|---|---|---|")
    notes = []
    for name in sorted(os.listdir(args.verdicts)):
        if not name.endswith(".txt"):
            continue
        base = name[:-4]
        sarif = os.path.join(args.out, base + ".sarif")
        if not os.path.exists(sarif):
            notes.append("%s: no %s (run bench/smoke.sh first)" % (base, sarif))
            continue
        verdicts = read_verdicts(os.path.join(args.verdicts, name))
        found = read_findings(sarif, base)
        count = dict.fromkeys(KINDS + ("unread",), 0)
        for key in sorted(found):
            v = verdicts.get(key)
            count[v[0] if v else "unread"] += 1
            if not v:
                notes.append("%s: unread: %s:%d %s" % (base, key[0], key[1], key[2]))
        lost = [k for k, v in sorted(verdicts.items()) if v[0] == "true" and k not in found]
        for k in lost:
            notes.append("%s: true finding no longer reported: %s:%d %s" % (base, k[0], k[1], k[2]))
        for k in KINDS + ("unread",):
            total[k] += count[k]
        print("| %s | %d | %d | %d | %d | %d | %s | %d |" % (
            base, len(found), count["true"], count["deliberate"], count["false"],
            count["unread"], pct(count["true"], count["true"] + count["false"]), len(lost)))
    read = total["true"] + total["false"]
    print("| all | %d | %d | %d | %d | %d | %s | |" % (
        sum(total.values()), total["true"], total["deliberate"], total["false"],
        total["unread"], pct(total["true"], read)))
    for n in notes:
        print(n)
    if args.min_precision is not None:
        if total["unread"] or (read and 100.0 * total["true"] / read < args.min_precision):
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
