#!/usr/bin/python3
"""Every suggested fix over the corpus, applied and checked.

usage: fixes_corpus.py CONNLINT CORPUS_DIR

For each single-file corpus case, runs `connlint --fix-diff` in a scratch
git repository, applies the diff with `git apply`, and checks that the
patched file still compiles (clang -fsyntax-only), that connlint then
reports fewer leaks (each applied fix removes its finding) and nothing new
(no double release, no mismatched release, no leak that was not there).
Prints the figures (cases, leak findings, fixes offered and applied) and
exits 1 on any failed check.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile


def findings(connlint, d, name, inc):
    p = subprocess.run([connlint, "--no-config", "--color=never", "--quiet", name, "--",
                        "-I" + inc, "-I/usr/include/postgresql"], cwd=d, capture_output=True,
                       text=True)
    return [l for l in p.stdout.splitlines() if ": warning: " in l]


def main():
    connlint, corpus = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    fails, cases, leaks, offered, applied = [], 0, 0, 0, 0
    tmp = tempfile.mkdtemp(prefix="connlint-fixes-")
    try:
        for folder in sorted(os.listdir(corpus)):
            fd = os.path.join(corpus, folder)
            if not os.path.isdir(fd) or folder == "multi-file":
                continue
            for name in sorted(os.listdir(fd)):
                if not name.endswith(".c"):
                    continue
                cases += 1
                d = os.path.join(tmp, "%s-%s" % (folder, name[:-2]))
                os.makedirs(d)
                shutil.copy(os.path.join(fd, name), d)
                before = findings(connlint, d, name, fd)
                leaks += sum("-leak]" in l for l in before)
                p = subprocess.run([connlint, "--no-config", "--fix-diff", name, "--", "-I" + fd,
                                    "-I/usr/include/postgresql"], cwd=d, capture_output=True,
                                   text=True)
                diff = p.stdout
                n = len(re.findall(r"^\+.*\b\w+\([\w.>-]+\);", diff, re.M))
                if not diff:
                    continue
                offered += n
                subprocess.run(["git", "init", "-q", "."], cwd=d, check=True)
                ap = subprocess.run(["git", "apply", "-"], cwd=d, input=diff, text=True,
                                    capture_output=True)
                if ap.returncode != 0:
                    fails.append("%s/%s: git apply: %s" % (folder, name, ap.stderr.strip()))
                    continue
                applied += n
                cc = subprocess.run(["clang-19", "-fsyntax-only", "-w", "-I" + fd,
                                     "-I/usr/include/postgresql", name], cwd=d,
                                    capture_output=True, text=True)
                if cc.returncode != 0:
                    fails.append("%s/%s: patched file does not compile: %s" %
                                 (folder, name, cc.stderr.strip()[:300]))
                after = findings(connlint, d, name, fd)
                new = [l for l in after if not any(l.split(": warning: ")[1] ==
                                                   b.split(": warning: ")[1] for b in before)]
                # A fix inserts lines, so later findings move: compare messages
                # without line numbers.
                strip = lambda l: re.sub(r"\d+", "N", l.split(": warning: ")[1])
                new = [l for l in after if strip(l) not in [strip(b) for b in before]]
                if new:
                    fails.append("%s/%s: new findings after the fix: %s" % (folder, name, new))
                if len(after) > len(before) - 1:
                    fails.append("%s/%s: fixes removed no finding (%d -> %d)" %
                                 (folder, name, len(before), len(after)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("fixes over the corpus: %d cases, %d leak findings, %d fixes offered, %d applied; "
          "%d problems" % (cases, leaks, offered, applied, len(fails)))
    for f in fails:
        print("FAIL " + f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
