#!/usr/bin/python3
"""Writes the stress inputs of tests/e2e/stress.sh into a directory.

usage: gen_stress.py OUTDIR

They are generated, not committed: several are megabytes. Each is C a user
could feed connlint (by mistake or malice); none may crash or hang it.
The random ones use a fixed seed, so every run sees the same bytes.
"""
import os
import random
import sys

DEEP = 6000  # beyond the 5,400 nested ifs that overflowed libclang's 8 MiB stack


def deep(kind):
    """DEEP nested statements of one kind, without braces where C allows."""
    head = {
        "if": "if (x) ",
        "else": "if (x) x++; else ",
        "while": "while (x--) ",
        "for": "for (i = 0; i < x; i++) ",
        "do": "do ",
        "switch": "switch (x) case 1: ",
        "label": "l{n}: ",
        "block": "{ ",
    }[kind]
    tail = {"do": " while (x--);", "block": " }"}.get(kind, "")
    body = "".join(head.replace("{n}", str(n)) for n in range(DEEP))
    body += "x++;" + tail * DEEP
    return "int f(int x) {\n  int i = 0;\n  " + body + "\n  return i;\n}\n"


def deep_expr(op):
    if op == "call":
        return "int g(int);\nint f(int x) { return " + "g(" * DEEP + "x" + ")" * DEEP + "; }\n"
    if op == "paren":
        return "int f(int x) { return " + "(" * DEEP + "x" + ")" * DEEP + "; }\n"
    if op == "ternary":
        return "int f(int x) { return " + "x ? x : " * DEEP + "0; }\n"
    if op == "and":
        return "int f(int x) { if (" + " && ".join(["x"] * DEEP) + ") return 1; return 0; }\n"
    if op == "member":
        return ("struct s { struct s *n; int v; };\nint f(struct s *p) { return p" +
                "->n" * DEEP + "->v; }\n")
    return "int f(int x) { return " + " + ".join(["x"] * DEEP) + "; }\n"


def macro_bomb():
    lines = ["#define A0 x"]
    lines += [f"#define A{i} A{i-1}+A{i-1}+A{i-1}+A{i-1}" for i in range(1, 30)]
    lines.append("int f(int x) { return A29; }")
    return "\n".join(lines) + "\n"


def long_line():
    # One line of about 1 MB: a sum of 210,000 terms, then a leak after it.
    terms = " + ".join(f"v{i % 10}" for i in range(210000))
    return ("#include <fcntl.h>\nint f(int v0, int v1, int v2, int v3, int v4, int v5, int v6,"
            " int v7, int v8, int v9) { int s = " + terms + "; return s; }\n"
            "int g(const char *p) { int fd = open(p, 0); if (fd < 0) return -1; return 0; }\n")


def long_function():
    body = "".join(f"  n += x * {i} + (x >> {i % 31});\n" for i in range(50000))
    return ("#include <stdio.h>\nint f(int x, const char *p) {\n  int n = 0;\n"
            "  FILE *fp = fopen(p, \"r\");\n" + body +
            "  if (n > 3) return n;\n  if (fp) fclose(fp);\n  return 0;\n}\n")


def many_cases():
    cases = "".join(f"  case {i}: n += {i}; break;\n" for i in range(20000))
    return "int f(int x) {\n  int n = 0;\n  switch (x) {\n" + cases + "  }\n  return n;\n}\n"


def many_gotos():
    out = ["#include <stdlib.h>", "int f(int x) {", "  char *p = malloc(4);"]
    for i in range(5000):
        out.append(f"  if (x == {i}) goto l{(i * 7919) % 5000};")
    for i in range(5000):
        out.append(f"l{i}:\n  x += {i};")
    out += ["  free(p);", "  return x;", "}"]
    return "\n".join(out) + "\n"


def recursive_include(name):
    return f'#include "{name}"\nint f(void) {{ return 0; }}\n'


def garbage(rng, n):
    return bytes(rng.randrange(256) for _ in range(n))


def not_utf8():
    return (b"#include <stdio.h>\n/* caf\xe9 \xff\xfe \xc0\xaf */\n"
            b"int f(const char *p) {\n  FILE *fp = fopen(p, \"r\xe9\");\n"
            b"  if (!fp) return -1;\n  return 0; /* \x9b2J */\n}\n")


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(14)
    files = {}
    for k in ["if", "else", "while", "for", "do", "switch", "label", "block"]:
        files[f"deep_{k}.c"] = deep(k)
    for k in ["call", "paren", "ternary", "and", "member", "sum"]:
        files[f"deep_{k}.c"] = deep_expr(k)
    files["macro_bomb.c"] = macro_bomb()
    files["long_line.c"] = long_line()
    files["long_function.c"] = long_function()
    files["many_cases.c"] = many_cases()
    files["many_gotos.c"] = many_gotos()
    files["self_include.c"] = recursive_include("self_include.c")
    files["garbage.c"] = garbage(rng, 200000)
    files["not_utf8.c"] = not_utf8()
    for name, text in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(text if isinstance(text, bytes) else text.encode())
    print("\n".join(sorted(files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
