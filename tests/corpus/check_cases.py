#!/usr/bin/python3
"""check_cases.py - checks that the corpus cases are well-formed, without
running connlint: each case compiles (clang -fsyntax-only, with the flags
the harness gives connlint, or those of its compile_commands.json), opens
with a comment saying what it exercises, and its expect: markers name
known rule ids.

A case that does not compile would test the front end's error recovery
instead of what it claims to test, so this runs in CTest next to the corpus.

Usage: check_cases.py --corpus DIR [--clang PATH] [--filter SUBSTR] [-j N]
"""

import argparse
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_corpus  # noqa: E402

# COMMON.md's fixed rule ids.
KNOWN_RULES = {
    "connlint-fd-leak", "connlint-file-leak", "connlint-dir-leak", "connlint-addrinfo-leak",
    "connlint-memory-leak", "connlint-thread-leak", "connlint-lock-not-released",
    "connlint-curl-leak", "connlint-pq-leak", "connlint-redis-leak", "connlint-sqlite-leak",
    "connlint-ssl-leak", "connlint-mhd-leak", "connlint-grpc-leak",
    "connlint-lost-reference", "connlint-ignored-result", "connlint-mismatched-release",
    "connlint-double-release",
}


def compile_jobs(case):
    """(cwd, argv) pairs that parse every translation unit of the case."""
    if not case.folder:
        d = os.path.dirname(case.path)
        flags = ["-I" + d] + ["-I" + x for x in run_corpus.EXTRA_INCLUDES]
        return [(d, flags + [case.path])]
    with open(os.path.join(case.path, "compile_commands.json"), encoding="utf-8") as fh:
        db = json.load(fh)
    jobs = []
    for e in db:
        argv = e.get("arguments") or shlex.split(e["command"])
        args, skip = [], False
        for a in argv[1:]:
            if skip:
                skip = False
            elif a == "-o":
                skip = True
            elif a != "-c":
                args.append(a)
        cwd = os.path.normpath(os.path.join(case.path, e.get("directory", ".")))
        jobs.append((cwd, args))
    return jobs


def continued_markers(path, lines):
    """Marker lines whose statement starts on an earlier line: the finding's
    line would then depend on whether connlint reports the call or the
    statement, so acquisitions with markers are kept on one line."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        text = fh.read().split("\n")
    out = []
    for n in lines:
        prev = text[n - 2].split("//")[0].rstrip() if n >= 2 else ""
        if prev.endswith(("=", "(", ",", "&&", "||")):
            out.append(n)
    return out


def opens_with_comment(path):
    with open(path, encoding="utf-8", errors="replace") as fh:
        return fh.read().lstrip().startswith(("/*", "//"))


def check(case, clang):
    problems = []
    _, marker_errors = run_corpus.expected_set(case)
    problems += marker_errors
    exp, _ = run_corpus.expected_set(case)
    # A case's own rule files (connlint-rules:) add the leak ids they declare.
    known = set(KNOWN_RULES)
    for rules in run_corpus.case_rule_files(case):
        if not os.path.isfile(rules):
            problems.append("%s: rule file %s not found" % (case.id, rules))
            continue
        with open(rules, encoding="utf-8") as f:
            known |= set(re.findall(r"\bleak\s+(connlint-[a-z0-9-]+)", f.read()))
    for f, line, rid in sorted(exp):
        if rid not in known:
            problems.append("%s:%d: unknown rule id %s" % (f, line, rid))
    marked = {}
    for f, line, _ in exp:
        marked.setdefault(f, set()).add(line)
    for rel, p in run_corpus.case_sources(case):
        for n in continued_markers(p, sorted(marked.get(rel, ()))):
            problems.append("%s:%d: marker on a continuation line; keep the statement on one line"
                            % (rel, n))
        if p.endswith(".c") and not opens_with_comment(p):
            problems.append("%s: does not open with a comment saying what it exercises" % rel)
    for cwd, args in compile_jobs(case):
        r = subprocess.run([clang, "-fsyntax-only"] + args, cwd=cwd, capture_output=True, text=True)
        if r.returncode != 0:
            problems.append("does not compile:\n" + r.stderr.rstrip())
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--clang", default=shutil.which("clang-19") or shutil.which("clang"))
    ap.add_argument("--filter")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    if not args.clang:
        print("check_cases: no clang found; pass --clang", file=sys.stderr)
        return 2
    cases = run_corpus.find_cases(os.path.realpath(args.corpus))
    if args.filter:
        cases = [c for c in cases if args.filter in c.id]
    bad = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        reports = list(pool.map(lambda c: check(c, args.clang), cases))
    for c, problems in zip(cases, reports):
        if problems:
            bad += 1
            print("BAD %s" % c.id)
            for p in problems:
                print("  " + p.replace("\n", "\n  "))
    print("%d cases checked, %d with problems" % (len(cases), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
