#!/usr/bin/python3
"""parity.py - the tree-sitter front end against libclang on the corpus.

Each case runs twice: with libclang and the flags the corpus harness gives
it (tests/corpus/run_corpus.py), and with --frontend=tree-sitter and no
flags at all, as a user without a build would run it. Findings are compared
as sets of (file, line, rule id). Prints a table per corpus folder (or a
Markdown one with --markdown, for README.md) and, with --check, fails unless
tree-sitter finds at least MIN% of what libclang finds and adds nothing
libclang does not report.

Usage: parity.py [--connlint BIN] [--corpus DIR] [--markdown] [--check MIN]
"""

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile

EXTRA_INCLUDES = ["/usr/include/postgresql"]


def cases(corpus):
    out = []
    for root, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if root != corpus and "compile_commands.json" in files:
            out.append((root, sorted(os.path.join(root, f) for f in files if f.endswith(".c"))))
            dirs[:] = []
            continue
        for f in sorted(files):
            if f.endswith(".c"):
                out.append((os.path.join(root, f), [os.path.join(root, f)]))
    return out


def findings(connlint, files, args, cwd):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.sarif")
        cmd = [connlint, "--no-config", "-j1", "--format", "sarif", "-o", out, "--srcroot", cwd]
        cmd += args + files
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120)
        if p.returncode not in (0, 1) or not os.path.exists(out):
            return None, p.stderr.strip().splitlines()[-1:] or ["exit %d" % p.returncode]
        log = json.load(open(out))
    got = set()
    for r in log["runs"][0]["results"]:
        loc = r["locations"][0]["physicalLocation"]
        got.add((os.path.basename(loc["artifactLocation"]["uri"]), loc["region"]["startLine"],
                 r["ruleId"]))
    return got, None


def run_case(connlint, corpus, case):
    path, files = case
    folder = path if os.path.isdir(path) else os.path.dirname(path)
    if os.path.isdir(path):
        lc, err1 = findings(connlint, [], ["--frontend=clang", "-p", path], folder)
    else:
        flags = ["--", "-I" + folder] + ["-I" + i for i in EXTRA_INCLUDES]
        lc, err1 = findings(connlint, files + flags, ["--frontend=clang"], folder)
    ts, err2 = findings(connlint, files, ["--frontend=tree-sitter"], folder)
    return os.path.relpath(path, corpus), lc, ts, err1 or err2


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--connlint", default=os.path.join(here, "..", "build", "connlint"))
    ap.add_argument("--corpus", default=os.path.join(here, "..", "corpus"))
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--check", type=float, default=None)
    ap.add_argument("-j", type=int, default=os.cpu_count() or 2)
    ap.add_argument("-v", action="store_true", help="list every difference")
    a = ap.parse_args()
    corpus = os.path.abspath(a.corpus)
    connlint = os.path.abspath(a.connlint)
    rows = {}
    diffs = []
    errors = []
    with concurrent.futures.ThreadPoolExecutor(a.j) as ex:
        for cid, lc, ts, err in ex.map(lambda c: run_case(connlint, corpus, c), cases(corpus)):
            pack = cid.split(os.sep)[0]
            row = rows.setdefault(pack, [0, 0, 0, 0])  # cases, libclang, both, extra
            row[0] += 1
            if err or lc is None or ts is None:
                errors.append((cid, err))
                continue
            row[1] += len(lc)
            row[2] += len(lc & ts)
            row[3] += len(ts - lc)
            for f in sorted(lc - ts):
                diffs.append((cid, "missed", f))
            for f in sorted(ts - lc):
                diffs.append((cid, "extra", f))
    total = [sum(r[i] for r in rows.values()) for i in range(4)]
    pct = lambda r: 100.0 * r[2] / r[1] if r[1] else 100.0
    if a.markdown:
        print("| Corpus folder | Cases | libclang (with flags) | tree-sitter finds too | Share | Extra |")
        print("|---|---:|---:|---:|---:|---:|")
        for pack in sorted(rows):
            r = rows[pack]
            print(f"| {pack} | {r[0]} | {r[1]} | {r[2]} | {pct(r):.1f}% | {r[3]} |")
        print(f"| **all** | {total[0]} | {total[1]} | {total[2]} | {pct(total):.1f}% | {total[3]} |")
    else:
        for pack in sorted(rows):
            r = rows[pack]
            print(f"{pack:12} cases {r[0]:4}  libclang {r[1]:4}  tree-sitter {r[2]:4} ({pct(r):5.1f}%)  extra {r[3]}")
        print(f"{'all':12} cases {total[0]:4}  libclang {total[1]:4}  tree-sitter {total[2]:4} ({pct(total):5.1f}%)  extra {total[3]}")
    if a.v or a.check is not None:
        for cid, what, f in diffs:
            print(f"  {what:6} {cid}: {f[0]}:{f[1]} {f[2]}", file=sys.stderr)
    for cid, err in errors:
        print(f"  error  {cid}: {err}", file=sys.stderr)
    if a.check is not None:
        ok = pct(total) >= a.check and total[3] == 0 and not errors
        print(f"parity: {pct(total):.1f}% of libclang's findings (bar {a.check:.0f}%), "
              f"{total[3]} extra, {len(errors)} errors: {'ok' if ok else 'FAILED'}")
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
