#!/bin/bash
# The tree-sitter front end's golden files: for each tests/tsfront/cases/X.c,
# X.cfg is `connlint --frontend=tree-sitter --dump-cfg X.c` and X.out the
# findings in text. UPDATE=1 rewrites them (review the diff). Then the IR
# dumps of both front ends on the corpus cases listed in agree.txt must be
# the same, but for the types of temporaries (a call's result type comes
# from its header, which tree-sitter does not read).
#
# Usage: run.sh CONNLINT SOURCE_DIR
set -u
bin=$1
src=$2
here=$src/tests/tsfront
pass=0
fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

cd "$here/cases" || exit 2
for c in *.c; do
  n=${c%.c}
  cfg=$("$bin" --no-config --frontend=tree-sitter --dump-cfg "$c" 2>&1)
  out=$("$bin" --no-config --frontend=tree-sitter --color=never "$c" 2>&1)
  if [ "${UPDATE:-0}" = 1 ]; then
    printf '%s\n' "$cfg" >"$n.cfg"
    printf '%s\n' "$out" >"$n.out"
  fi
  if diff -u "$n.cfg" <(printf '%s\n' "$cfg") >/tmp/tsfront.$$ 2>&1; then ok "$n.cfg"; else bad "$n.cfg"; cat /tmp/tsfront.$$; fi
  if diff -u "$n.out" <(printf '%s\n' "$out") >/tmp/tsfront.$$ 2>&1; then ok "$n.out"; else bad "$n.out"; cat /tmp/tsfront.$$; fi
done
rm -f /tmp/tsfront.$$

norm() { sed -E 's/\(temp ([^(),]|\([^()]*\))*/(temp/g'; }
cd "$src" || exit 2
while read -r c; do
  [ -n "$c" ] || continue
  d=$(dirname "$c")
  a=$("$bin" --no-config --frontend=clang --dump-cfg "$c" -- -I"$d" -I/usr/include/postgresql 2>/dev/null | norm)
  b=$("$bin" --no-config --frontend=tree-sitter --dump-cfg "$c" 2>/dev/null | norm)
  if [ -n "$a" ] && [ "$a" = "$b" ]; then
    pass=$((pass + 1))
  else
    bad "same IR: $c"
    diff <(printf '%s\n' "$a") <(printf '%s\n' "$b") | head -20
  fi
done <"$here/agree.txt"
echo "tsfront: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
