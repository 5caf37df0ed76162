#!/usr/bin/env python3
"""Speed of connlint against its floor, on a real code base.

Prints, for the translation units of a compile_commands.json (default: curl's
lib/ and src/ from the Debian source package, fetched by bench/fetch.sh):
  - clang -fsyntax-only over every unit, one process each (what a build pays);
  - libclang's parse alone inside connlint (--parse-only): the floor;
  - connlint's parse+lower phase and its analysis phase (from --stats);
  - connlint's whole run, one job and all CPUs, with peak memory.
Every figure is the median of --runs runs.

usage: bench/speed.py [--connlint build/connlint] [--runs 3] [-p DIR]
"""
import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def clang_binary():
    for v in (21, 20, 19, 18, 17):
        p = f"/usr/lib/llvm-{v}/bin/clang"
        if os.path.exists(p):
            return p
    return "clang"


def entries(db_dir):
    with open(os.path.join(db_dir, "compile_commands.json")) as f:
        return json.load(f)


def syntax_only_cmd(e, clang):
    args = e.get("arguments") or shlex.split(e["command"])
    out, skip = [clang, "-fsyntax-only", "-w"], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD", "-MP") or a.startswith("-o"):
            continue
        out.append(a)
    return out


def time_floor(es, clang):
    t0 = time.perf_counter()
    for e in es:
        subprocess.run(syntax_only_cmd(e, clang), cwd=e["directory"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


STATS = re.compile(r"parse\+lower ([0-9.]+)s, analysis ([0-9.]+)s; IR ([0-9.]+) MiB; "
                   r"peak RSS ([0-9.]+) MiB")


def time_connlint(binary, db_dir, jobs, *extra):
    t0 = time.perf_counter()
    # --no-cache: each run measures the whole analysis, not the cache
    p = subprocess.run([binary, "-p", db_dir, "-j", str(jobs), "--stats", "--quiet", "--no-cache",
                        *extra],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if p.returncode > 2:
        sys.exit(f"connlint failed with exit {p.returncode}:\n{p.stderr[-2000:]}")
    m = STATS.search(p.stderr)
    if not m:
        sys.exit("connlint --stats printed no figures:\n" + p.stderr[-2000:])
    findings = sum(1 for line in p.stdout.splitlines() if ": warning: " in line)
    return wall, float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)), findings


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--connlint", default=os.path.join(ROOT, "build", "connlint"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("-p", dest="db", help="directory holding compile_commands.json")
    a = ap.parse_args()
    db = a.db or subprocess.run([os.path.join(HERE, "fetch.sh"), "curl"], check=True,
                                stdout=subprocess.PIPE, text=True).stdout.strip()
    es = entries(db)
    clang = clang_binary()
    med = statistics.median
    floor = med(time_floor(es, clang) for _ in range(a.runs))
    ncpu = os.cpu_count() or 1
    parse = [time_connlint(a.connlint, db, 1, "--parse-only") for _ in range(a.runs)]
    one = [time_connlint(a.connlint, db, 1) for _ in range(a.runs)]
    allj = [time_connlint(a.connlint, db, ncpu) for _ in range(a.runs)]
    print(f"code base: {db} ({len(es)} translation units), median of {a.runs} runs")
    pfloor = med(r[1] for r in parse)
    print(f"  clang -fsyntax-only, a process a unit {floor:8.2f} s")
    print(f"  libclang parse only (connlint -j1)    {pfloor:8.2f} s   (floor)")
    print(f"  connlint -j1 parse+lower              {med(r[1] for r in one):8.2f} s   "
          f"({med(r[1] for r in one) / pfloor:.2f}x floor)")
    print(f"  connlint -j1 analysis (engine)        {med(r[2] for r in one):8.2f} s")
    print(f"  connlint -j1 whole run                {med(r[0] for r in one):8.2f} s   "
          f"({med(r[0] for r in one) / pfloor:.2f}x floor)")
    print(f"  connlint -j{ncpu} whole run                {med(r[0] for r in allj):8.2f} s")
    print(f"  IR size                               {med(r[3] for r in one):8.1f} MiB")
    print(f"  peak RSS (-j1)                        {med(r[4] for r in one):8.1f} MiB")
    print(f"  findings                              {one[0][5]:8d}")


if __name__ == "__main__":
    main()
