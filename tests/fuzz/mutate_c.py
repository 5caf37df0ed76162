#!/usr/bin/python3
"""Mutation fuzzer for connlint's C input: the whole program, end to end.

usage: mutate_c.py --connlint BIN [--seconds N] [--seed S] [--out DIR]
                   [--timeout T] SEED_FILE_OR_DIR...

Takes C files (the corpus, the examples), mutates them the way real damage
and hostile input look (flipped and random bytes, lines deleted, repeated or
swapped, text spliced in from another file, truncation, control bytes,
invalid UTF-8, runs of braces, parentheses and `if (x)`, token soup), and
runs connlint on each mutant with a time limit. connlint must exit 0, 1 or
2 by itself: exit 3, a signal, a sanitizer report or running past the limit
is a failure, and the mutant is kept in --out for a reproducer.
Prints one line of statistics; exit status 1 when something failed.
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile
import time

TOKENS = [b"if (x) ", b"{", b"}", b"(", b")", b";", b"goto l;", b"l:", b"return", b"switch (x) {",
          b"case 1:", b"#define M(a) a a\n", b"#include __FILE__\n", b"/*", b"*/", b"\"", b"'",
          b"\\\n", b"__attribute__((cleanup(f)))", b"close(fd);", b"fd = open(p, 0);", b"free(p);",
          b"p = malloc(1);", b"while (1)", b"do", b"for (;;)", b"sizeof", b"->", b"...", b"\x00",
          b"\x1b[2J", b"\xff\xfe", b"\xc0\xaf", b"??/", b"#pragma once\n", b"#if 1\n", b"#endif\n",
          b"_Generic(x, int: 1)", b"({ int y = 1; y; })", b"&&l", b"goto *p;", b"asm(\"\");"]


def mutate(rng, data, others):
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(11)
        n = len(data)
        if op == 0 and n:  # flip bits
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(n)
                data[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # random bytes
            i = rng.randint(0, n)
            data[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op in (2, 3, 4):  # line edits
            lines = data.split(b"\n")
            if len(lines) < 2:
                continue
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            if op == 2:
                del lines[i]
            elif op == 3:
                lines[i:i] = [lines[j]] * rng.randint(1, 50)
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
        elif op == 5 and others:  # splice another file
            o = rng.choice(others)
            a = rng.randrange(len(o) + 1)
            b = rng.randint(a, min(len(o), a + 2000))
            i = rng.randint(0, n)
            data[i:i] = o[a:b]
        elif op == 6 and n:  # truncate
            del data[rng.randrange(n):]
        elif op == 7:  # tokens
            i = rng.randint(0, n)
            data[i:i] = b" ".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 10)))
        elif op == 8:  # deep nesting
            i = rng.randint(0, n)
            k = rng.choice([10, 300, 3000])
            t = rng.choice([b"if (x) ", b"(", b"{", b"while (x) ", b"x ? x : "])
            data[i:i] = t * k
        elif op == 9 and n:  # delete a span
            i = rng.randrange(n)
            del data[i:i + rng.randint(1, 200)]
        elif op == 10 and n:  # duplicate a span
            i = rng.randrange(n)
            span = data[i:i + rng.randint(1, 400)]
            data[i:i] = span * rng.randint(2, 20)
    return bytes(data[:2_000_000])


def seeds(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, files in os.walk(p):
                out += [os.path.join(root, f) for f in sorted(files) if f.endswith(".c")]
        elif os.path.isfile(p):
            out.append(p)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--connlint", required=True)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--out", default=None)
    ap.add_argument("--timeout", type=float, default=30, help="seconds one run may take")
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    files = seeds(a.paths)
    if not files:
        print("mutate_c: no seed files", file=sys.stderr)
        return 2
    texts = [open(f, "rb").read() for f in files]
    seed = a.seed if a.seed is not None else int(time.time())
    rng = random.Random(seed)
    out = a.out or tempfile.mkdtemp(prefix="connlint-mutants-")
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="connlint-mutate-")
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=86")
    runs = failures = 0
    codes = {}
    end = time.time() + a.seconds
    while time.time() < end:
        k = rng.randrange(len(texts))
        m = mutate(rng, texts[k], texts)
        path = os.path.join(work, f"m{runs}.c")
        with open(path, "wb") as f:
            f.write(m)
        why = None
        try:
            # connlint's own limit is below ours: it must stop by itself.
            r = subprocess.run([a.connlint, "--timeout", str(a.timeout / 3), "-j1", path],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               timeout=a.timeout, env=env)
            codes[r.returncode] = codes.get(r.returncode, 0) + 1
            if r.returncode not in (0, 1, 2):
                why = f"exit {r.returncode}: {r.stderr.decode(errors='replace')[-400:]}"
        except subprocess.TimeoutExpired:
            why = f"still running after {a.timeout}s"
        runs += 1
        if why:
            failures += 1
            keep = os.path.join(out, f"fail-{seed}-{runs}.c")
            os.replace(path, keep)
            print(f"mutate_c: FAIL {keep} (from {files[k]}): {why}", file=sys.stderr)
        else:
            os.unlink(path)
    os.rmdir(work)
    dist = ", ".join(f"exit {c}: {n}" for c, n in sorted(codes.items()))
    print(f"mutate_c: {runs} runs in {a.seconds:.0f}s (seed {seed}), {failures} failures; {dist}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
