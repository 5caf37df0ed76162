#!/usr/bin/env bash
# Overhead of `connlint cc` builds against plain ones:
#   build time: the test program of tests/confirm (4 units), plain make
#     versus make CC="connlint cc gcc" (which analyzes each unit too);
#   run time: bench/confirm/workload.c (N opens/closes and mallocs/frees at
#     instrumented sites), plain, instrumented with nothing recorded, and
#     instrumented recording events (CONNLINT_RT_OUT); best of 5 runs each,
#     in CPU seconds.
# Usage: bench/confirm_overhead.sh CONNLINT [N]
set -eu
bin=$(realpath "$1")
n=${2:-200000}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Best of 5 CPU seconds (user + system, the command and its children) of
# "$@": CPU time, unlike wall-clock time, barely moves when other work
# shares the machine.
best() {
  python3 - "$@" <<'PY'
import resource, subprocess, sys
best = None
for _ in range(5):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    best = t if best is None or t < best else best
print(f"{best:.3f}")
PY
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
runs=$(ls ev/*.jsonl | wc -l)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "CPU seconds, best of 5"
echo "build (tests/confirm, 4 units): plain ${plain_build}s, connlint cc ${cc_build}s ($(ratio "$cc_build" "$plain_build")x)"
echo "run (workload, $n iterations, 2 acquisitions each): plain ${plain_run}s," \
  "instrumented ${inst_run}s ($(ratio "$inst_run" "$plain_run")x)," \
  "recording ${rec_run}s ($(ratio "$rec_run" "$plain_run")x, $((events / runs)) events per run)"
