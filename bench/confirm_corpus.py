#!/usr/bin/env python3
"""Runs `connlint confirm` over the corpus cases that can run.

A corpus case is a function or two, not a program, so each case gets a tiny
driver: every function defined in the case whose parameters are plain
(integers, pointers) is called once, in a forked child with a 3 s alarm,
with a writable path to an existing temporary file for char pointers, a
descriptor open on /dev/null for integers and a zeroed buffer for other
pointers. The driver is appended to a copy of each of the case's files
(so static functions are callable and line numbers do not move) and a
main() calls the drivers. The case is built with `connlint cc`, linked
with every library a pack covers, and `connlint confirm --run ./prog`
gives each leak finding a verdict.

A case with its own main() runs as it is. A case "can run" when it builds and
its driver calls at least one function (or it has a main()).
Prints, per corpus folder, how many bad cases were confirmed and how many
good cases were wrongly confirmed (any finding on a good case confirmed).

usage: confirm_corpus.py --connlint BIN --corpus DIR [--jobs N] [--only FOLDER]
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

LIBS = ["libcurl", "sqlite3", "libpq", "hiredis", "openssl", "libmicrohttpd", "grpc"]
KEYWORDS = {"if", "while", "for", "switch", "return", "sizeof", "main"}
DEF = re.compile(r"^([A-Za-z_][\w \t\*]*?[\s\*])([A-Za-z_]\w*)\s*\(([^;{}()]*)\)\s*\{", re.M)


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def arg_for(param):
    """The C expression passed for one parameter, or None if we cannot."""
    p = param.strip()
    if p in ("void", ""):
        return ""
    if "[" in p or "..." in p:
        return None
    if "*" in p:
        if re.search(r"\bchar\b", p) and p.count("*") == 1:
            return "cl_path"
        return "(void *)cl_zero"
    words = set(re.findall(r"[A-Za-z_]\w*", p))
    if words & {"struct", "union"}:
        return None  # a struct by value
    if words & {"double", "float"}:
        return "1.0"
    return "cl_fd"


def driver_for(text, index):
    """The driver appended to one file, and how many functions it calls."""
    calls = []
    for m in DEF.finditer(strip_comments(text)):
        ret, name, params = m.group(1), m.group(2), m.group(3)
        if name in KEYWORDS or "typedef" in ret or "=" in ret:
            continue
        args = [arg_for(p) for p in params.split(",")]
        if any(a is None for a in args):
            continue
        args = [a for a in args if a]
        calls.append(
            f"  if ((cl_pid = fork()) == 0) {{ alarm(3); (void){name}({', '.join(args)}); exit(0); }}\n"
            f"  if (cl_pid > 0) waitpid(cl_pid, NULL, 0);\n")
    body = "".join(calls)
    code = ("\n#include <stdlib.h>\n#include <string.h>\n#include <sys/wait.h>\n#include <unistd.h>\n"
            f"void connlint_drive_{index}(const char *cl_file, int cl_fd) {{\n"
            "  static char cl_zero[65536];\n  char cl_path[4096];\n  pid_t cl_pid;\n"
            "  strcpy(cl_path, cl_file);\n  memset(cl_zero, 0, sizeof cl_zero);\n"
            f"{body}}}\n")
    return code, len(calls)


MAIN = """/* driver main: a temporary file and a descriptor, then every case file's driver */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
%s
int main(void) {
  char dir[] = "/tmp/confirm-corpus-XXXXXX";
  if (!mkdtemp(dir)) return 2;
  char path[256];
  snprintf(path, sizeof path, "%%s/input.txt", dir);
  FILE *f = fopen(path, "w");
  if (!f) return 2;
  fputs("GET / HTTP/1.0\\nline two\\n", f);
  fclose(f);
  int fd = open("/dev/null", O_RDWR);
%s  unlink(path);
  rmdir(dir);
  return 0;
}
"""


def case_units(path):
    if os.path.isdir(path):
        return sorted(glob.glob(os.path.join(path, "*.c"))), sorted(glob.glob(os.path.join(path, "*.h")))
    return [path], []


def run_case(args, case, libs, work):
    """Returns (status, verdicts): status 'ok' or why the case cannot run."""
    units, headers = case_units(case)
    os.makedirs(work)
    for h in headers:
        shutil.copy(h, work)
    has_main = any(re.search(r"^\s*int\s+main\s*\(", open(u, encoding="utf-8").read(), re.M)
                   for u in units)
    copies, decls, calls, ncalls = [], "", "", 0
    for i, u in enumerate(units):
        text = open(u, encoding="utf-8").read()
        if has_main:  # a program already: run it as it is
            dst = os.path.join(work, os.path.basename(u))
            shutil.copy(u, dst)
            copies.append(dst)
            continue
        drv, n = driver_for(text, i)
        ncalls += n
        dst = os.path.join(work, os.path.basename(u))
        with open(dst, "w") as f:
            f.write(text + drv)
        copies.append(dst)
        decls += f"void connlint_drive_{i}(const char *, int);\n"
        calls += f"  connlint_drive_{i}(path, fd);\n"
    if ncalls == 0 and not has_main:
        return "no callable function", []
    main = os.path.join(work, "cl_main.c")
    with open(main, "w") as f:
        f.write(MAIN % (decls, calls) if not has_main else "/* the case has its own main() */\n")
    env = dict(os.environ, CONNLINT_CC_SOURCES=" ".join(copies), TMPDIR=work)
    objs = []
    for src in copies + [main]:
        obj = src[:-2] + ".o"
        r = subprocess.run([args.connlint, "cc", "gcc", "-w", "-I", work] + args.cflags +
                           ["-c", src, "-o", obj],
                           env=env, capture_output=True, text=True, timeout=300)
        if r.returncode != 0:
            return "does not compile", []
        objs.append(obj)
    prog = os.path.join(work, "prog")
    # Functions a case declares but does not define stay unresolved (0): a
    # call to one crashes that child only, after its events were written.
    r = subprocess.run([args.connlint, "cc", "gcc", "-o", prog] + objs + libs +
                       ["-lpthread", "-Wl,--unresolved-symbols=ignore-all"],
                       env=env, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        return "does not link", []
    sarif = os.path.join(work, "out.sarif")
    subprocess.run([args.connlint, "confirm", "--run", prog, "--timeout", "30",
                    "--confirm-dir", os.path.join(work, "runs"), "-j", str(args.jobs),
                    "--format", "sarif", "-o", sarif] + copies + ["--", "-I", work] + args.cflags,
                   env=env, capture_output=True, text=True, timeout=1800)
    try:
        results = json.load(open(sarif))["runs"][0]["results"]
    except (OSError, ValueError, KeyError, IndexError):
        return "confirm failed", []
    return "ok", [r.get("properties", {}).get("confirmation") for r in results
                  if r.get("properties", {}).get("confirmation")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--connlint", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    args.connlint = os.path.abspath(args.connlint)
    libs, cflags = [], []
    for lib in LIBS:
        r = subprocess.run(["pkg-config", "--libs", lib], capture_output=True, text=True)
        if r.returncode == 0:
            libs += r.stdout.split()
        r = subprocess.run(["pkg-config", "--cflags", lib], capture_output=True, text=True)
        if r.returncode == 0:
            cflags += [f for f in r.stdout.split() if f.startswith("-I")]
    args.cflags = cflags
    tmp = tempfile.mkdtemp(prefix="confirm-corpus-")
    rows, why = {}, {}
    cases = sorted(glob.glob(os.path.join(args.corpus, "*", "*_bad*")) +
                   glob.glob(os.path.join(args.corpus, "*", "*_good*")) +
                   glob.glob(os.path.join(args.corpus, "semantics", "*", "*_bad*")) +
                   glob.glob(os.path.join(args.corpus, "semantics", "*", "*_good*")))
    for n, case in enumerate(cases):
        folder = os.path.relpath(os.path.dirname(case), args.corpus).split(os.sep)[0]
        if args.only and folder != args.only:
            continue
        good = "_good" in os.path.basename(case)
        status, verdicts = run_case(args, case, libs, os.path.join(tmp, str(n)))
        row = rows.setdefault(folder, {"bad": 0, "bad_run": 0, "bad_leaks": 0, "confirmed": 0,
                                       "not-confirmed": 0, "not-reached": 0, "good": 0,
                                       "good_run": 0, "good_findings": 0, "good_confirmed": 0})
        row["good" if good else "bad"] += 1
        why[status] = why.get(status, 0) + 1
        if status != "ok":
            print(f"{case}: {status}", file=sys.stderr, flush=True)
            continue
        if good:
            row["good_run"] += 1
            row["good_findings"] += len(verdicts)
            row["good_confirmed"] += 1 if "confirmed" in verdicts else 0
        else:
            row["bad_run"] += 1
            row["bad_leaks"] += 1 if verdicts else 0
            best = ("confirmed" if "confirmed" in verdicts else
                    "not-confirmed" if "not-confirmed" in verdicts else
                    "not-reached" if verdicts else None)
            if best:
                row[best] += 1
        print(f"{case}: {status} {' '.join(verdicts)}", file=sys.stderr, flush=True)
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    cols = ["bad", "bad_run", "bad_leaks", "confirmed", "not-confirmed", "not-reached",
            "good", "good_run", "good_findings", "good_confirmed"]
    print("| folder | bad cases | runnable | with a leak finding | confirmed | not-confirmed | "
          "not-reached | good cases | runnable | findings on them | wrongly confirmed |")
    print("|---|" + "---:|" * len(cols))
    total = {c: 0 for c in cols}
    for folder in sorted(rows):
        print(f"| {folder} | " + " | ".join(str(rows[folder][c]) for c in cols) + " |")
        for c in cols:
            total[c] += rows[folder][c]
    print("| **all** | " + " | ".join(str(total[c]) for c in cols) + " |")
    print("\nWhy cases could not run: " +
          ", ".join(f"{k}: {v}" for k, v in sorted(why.items()) if k != "ok"))
    return 1 if total["good_confirmed"] else 0


if __name__ == "__main__":
    sys.exit(main())
