#!/usr/bin/env python3
"""Checks the shape of analyzer/: one folder per stage, each header opening
with a comment that says what it owns, and internal headers (*_int.h) used
only inside their own folder. The CMake libraries keep the stages' order
(a stage links only the stages below it); this keeps their insides private.

Usage: layout_check.py ANALYZER_DIR. Prints each problem; exits 1 if any.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def main():
    root = sys.argv[1]
    headers = {}  # name -> folder
    problems = []
    for folder in sorted(os.listdir(root)):
        path = os.path.join(root, folder)
        if not os.path.isdir(path):
            problems.append(f"{folder}: a file directly in analyzer/ (each stage has its folder)")
            continue
        for name in os.listdir(path):
            if name.endswith(".h"):
                if name in headers:
                    problems.append(f"{folder}/{name}: also in {headers[name]}/ (names are the include key)")
                headers[name] = folder
    for folder in sorted(os.listdir(root)):
        path = os.path.join(root, folder)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            if not name.endswith((".c", ".h")):
                continue
            text = open(os.path.join(path, name), encoding="utf-8").read()
            if not text.startswith("/*"):
                problems.append(f"{folder}/{name}: does not open with a comment on what it owns")
            for inc in INCLUDE.findall(text):
                home = headers.get(inc)
                if home is None:
                    continue  # generated or outside analyzer/
                if inc.endswith("_int.h") and home != folder:
                    problems.append(f"{folder}/{name}: includes {home}/{inc}, internal to {home}/")
    for p in problems:
        print(p)
    print(f"layout: {len(headers)} headers in {len(set(headers.values()))} folders, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
