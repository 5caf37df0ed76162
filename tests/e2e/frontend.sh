#!/usr/bin/env bash
# End-to-end tests of --frontend: the choice itself, auto's fallback to
# tree-sitter when libclang has no flags and no headers, what --stats and
# SARIF say about which front end analyzed a unit. Usage:
#   frontend.sh CONNLINT SOURCE_DIR
set -u
bin=$1
src=$2
in=$src/tests/e2e/inputs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$src/tests/e2e/check.bash"

check bad-frontend 2 "--frontend takes clang, tree-sitter or auto, not 'gcc'" -- --no-config --frontend=gcc "$in/clean.c"
# A unit that parses: auto keeps libclang.
check auto-clean-is-libclang 1 'leak\.c: front end libclang' -- --no-config --stats "$in/leak.c"
# A missing header and no flags: auto falls back, and says why.
check auto-falls-back 1 'analyzed with tree-sitter instead' -- --no-config "$in/missing_header.c"
check auto-keeps-clang-reason 1 "exist\.h' file not found" -- --no-config "$in/missing_header.c"
check auto-stats 1 'missing_header\.c: front end tree-sitter' -- --no-config --stats "$in/missing_header.c"
# With flags given, the user asked for libclang's view: no fallback.
check flags-keep-libclang 1 'missing_header\.c: front end libclang' -- --no-config --stats "$in/missing_header.c" -- -DX=1
check forced-clang 1 'missing_header\.c: front end libclang' -- --no-config --stats --frontend=clang "$in/missing_header.c"
check forced-tree-sitter 1 'leak\.c: front end tree-sitter' -- --no-config --stats --frontend=tree-sitter "$in/leak.c"
# The same leak either way.
check tree-sitter-finds 1 'leak\.c:[0-9]+:[0-9]+: warning: .*connlint-fd-leak' -- --no-config --frontend=tree-sitter "$in/leak.c"
# Text that is not C at all: said, and an input error, not "no findings".
printf '\x7fELF\x01\x02\x00\x00 garbage { ( ; }}}} int' >"$tmp/garbage.c"
check tree-sitter-garbage 2 'could not be parsed as C' -- --no-config --frontend=tree-sitter "$tmp/garbage.c"
# Rules naming a function pointer by its member (hooks.alloc) apply to calls
# tree-sitter lowers too: through the struct, and through a macro.
check tree-sitter-member-rule 1 'hooks_alloc_bad\.c:29:15: warning: .*connlint-memory-leak' -- --no-config --frontend=tree-sitter --rules "$src/corpus/examples/hooks.rules" "$src/corpus/examples/hooks_alloc_bad.c"
check tree-sitter-path-rule 1 'hooks_alloc_bad\.c:21:15: warning: .*connlint-memory-leak' -- --no-config --frontend=tree-sitter --rules "$src/corpus/examples/hooks.rules" "$src/corpus/examples/hooks_alloc_bad.c"

# SARIF names the front end of each unit.
"$bin" --no-config --format sarif -o "$tmp/out.sarif" "$in/missing_header.c" "$in/leak.c" >/dev/null 2>&1
if python3 - "$tmp/out.sarif" <<'PY'
import json, sys
fe = {e["artifactLocation"]["uri"].rsplit("/", 1)[-1]: e["frontend"]
      for e in json.load(open(sys.argv[1]))["runs"][0]["properties"]["frontends"]}
assert fe == {"missing_header.c": "tree-sitter", "leak.c": "libclang"}, fe
PY
then echo "ok   sarif-frontends"; pass=$((pass + 1)); else echo "FAIL sarif-frontends"; fail=$((fail + 1)); fi

echo "frontend: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
