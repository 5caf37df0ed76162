#!/usr/bin/env bash
# Overhead of `connlint cc` builds against plain ones:
#   build time: the test program of tests/confirm (4 units), plain make
#     versus make CC="connlint cc gcc" (which analyzes each unit too);
#   run time: bench/confirm/workload.c (N opens/closes and mallocs/frees at
#     instrumented sites), plain, instrumented with nothing recorded, and
#     instrumented recording events (CONNLINT_RT_OUT); best of 3 runs each.
# Usage: bench/confirm_overhead.sh CONNLINT [N]
set -eu
bin=$(realpath "$1")
n=${2:-200000}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
best() { # best of 3 wall-clock seconds of "$@"
  local b="" t0 t1 d
  for _ in 1 2 3; do
    t0=$(now); "$@" >/dev/null; t1=$(now)
    d=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
    if [ -z "$b" ] || awk -v d="$d" -v b="$b" 'BEGIN { exit !(d < b) }'; then b=$d; fi
  done
  printf '%.3f' "$b"
}

cp -r "$here/../tests/confirm" "$tmp/app"
cd "$tmp/app"
export CONNLINT_CC_SOURCES="$(echo "$tmp"/app/*.c)"
plain_build=$(best sh -c 'make -s clean; make -s')
cc_build=$(best sh -c "make -s clean; make -s CC='$bin cc gcc'")

cd "$tmp"
gcc -O2 -o plain "$here/confirm/workload.c"
cp "$here/confirm/workload.c" .
"$bin" cc gcc -O2 -o inst workload.c
nm inst | grep -q connlint_rt_acq || { echo "workload was not instrumented" >&2; exit 1; }
mkdir ev
plain_run=$(best ./plain "$n")
inst_run=$(best ./inst "$n")
rec_run=$(best env CONNLINT_RT_OUT="$tmp/ev" ./inst "$n")
events=$(cat ev/*.jsonl | wc -l)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "build (tests/confirm, 4 units): plain ${plain_build}s, connlint cc ${cc_build}s ($(ratio "$cc_build" "$plain_build")x)"
echo "run (workload, $n iterations, 2 acquisitions each): plain ${plain_run}s," \
  "instrumented ${inst_run}s ($(ratio "$inst_run" "$plain_run")x)," \
  "recording ${rec_run}s ($(ratio "$rec_run" "$plain_run")x, $((events / 3)) events per run)"
