#!/usr/bin/env bash
# Stress inputs (tests/stress/gen_stress.py, generated here, not committed):
# deep nesting of every statement kind and of expressions, a macro bomb, a
# 1 MB line, a 50,000-line function, 20,000 switch cases, 5,000 gotos, a
# file including itself, binary garbage, bytes that are not UTF-8. Each run
# must end by itself within its time limit with exit 0, 1 or 2 (never a
# signal, never 3) and say where it cut something short. Usage:
#   stress.sh CONNLINT SOURCE_DIR
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
/usr/bin/python3 "$src/tests/stress/gen_stress.py" "$tmp" >/dev/null || { echo "FAIL generator"; exit 1; }

# run NAME LIMIT EXITS PATTERN [ARGS...]: connlint on $tmp/NAME.c under a
# wall-clock LIMIT (seconds); the exit code must be one of EXITS ("0 1 2")
# and stdout+stderr must match the extended regex PATTERN.
run() {
  local name=$1 limit=$2 exits=$3 pattern=$4
  shift 4
  local out rc start
  start=$SECONDS
  out=$(timeout -s KILL "$limit" "$bin" "$@" "$tmp/$name.c" 2>&1)
  rc=$?
  if [ $rc -eq 137 ]; then
    echo "FAIL $name: still running after ${limit}s"; fail=$((fail + 1)); return
  fi
  if ! grep -qw -- "$rc" <<<"$exits"; then
    echo "FAIL $name: exit $rc, expected one of: $exits"; echo "$out" | head -5 | cut -c1-200 | sed 's/^/    /'
    fail=$((fail + 1)); return
  fi
  if ! grep -Eq -- "$pattern" <<<"$out"; then
    echo "FAIL $name: output does not match /$pattern/"; echo "$out" | head -5 | cut -c1-200 | sed 's/^/    /'
    fail=$((fail + 1)); return
  fi
  echo "ok   $name (exit $rc, $((SECONDS - start))s)"
  pass=$((pass + 1))
  last_out=$out
}

deep='more than 2000 levels deep; it was not analyzed'
for k in if else while for do switch label ternary and member sum; do
  run "deep_$k" 300 "0" "$deep"
done
# Braces, parentheses and calls hit clang's own bracket limit first (an
# error, or a note when the tree-sitter front end takes over).
run deep_block 300 "0 2" 'bracket nesting level exceeded'
run deep_paren 300 "0 2" 'bracket nesting level exceeded'
run deep_call 300 "0 2" 'bracket nesting level exceeded'
run macro_bomb 120 "2" "took longer than the time limit \(3 s, --timeout\)" --timeout 3
run macro_bomb 300 "2" 'needed more than the memory cap \(256 MiB, --memory-limit\)' --timeout 0 --memory-limit 256
run long_line 300 "1" "f\(\) nests .* not analyzed"
run long_function 300 "1" 'long_function\.c:[0-9]+:[0-9]+: warning: FILE stream'
# The state budget grows with a function's size, so these finish: all
# 20,000 cases, all 5,000 gotos (every path reaches the free), nothing cut.
for k in many_cases many_gotos; do
  before=$pass
  run "$k" 300 "0" '^no findings$'
  [ "$pass" -gt "$before" ] || continue # run said why it failed
  if grep -Eq 'stopped after|unexplored' <<<"$last_out"; then
    echo "FAIL $k-complete: cut short"; fail=$((fail + 1))
  else
    echo "ok   $k-complete"; pass=$((pass + 1))
  fi
done
run self_include 300 "0 2" '#include nested too deeply'
run garbage 300 "2" 'more parse errors not shown|could not be parsed'
if [ "$(wc -l <<<"$last_out")" -le 20 ]; then echo "ok   garbage-short"; pass=$((pass + 1));
else echo "FAIL garbage-short: $(wc -l <<<"$last_out") lines of output"; fail=$((fail + 1)); fi
run not_utf8 300 "1" 'fopen\(p, "r<E9>"\)'
if ! LC_ALL=C grep -q $'\xe9' <<<"$last_out"; then echo "ok   not_utf8-escaped"; pass=$((pass + 1));
else echo "FAIL not_utf8-escaped: a raw non-UTF-8 byte reached the output"; fail=$((fail + 1)); fi

# The tree-sitter front end on the same inputs (the fast ones: else, for,
# do, while and call chains take tree-sitter's parser a minute each and
# nest like deep_if): an answer, and the place where nesting was cut.
ts_deep='nested more than 1500 levels deep'
for k in if and member paren sum ternary label; do
  run "deep_$k" 300 "0" "$ts_deep" --frontend=tree-sitter
done
run garbage 300 "2" 'could not be parsed' --frontend=tree-sitter
run not_utf8 300 "1" 'warning:' --frontend=tree-sitter
for k in macro_bomb many_cases many_gotos self_include long_function deep_switch; do
  run "$k" 300 "0 1 2" '' --frontend=tree-sitter
done

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
