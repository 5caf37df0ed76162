#!/bin/bash
# ts_speed.sh - tree-sitter's parse against libclang's, on the same units.
#
# Runs connlint --parse-only over a real code base's compile_commands.json
# (curl by default, fetched and built by bench/fetch.sh) once per front
# end, one job each, and prints both times and their ratio. The issue's bar
# is tree-sitter at most 25% of libclang's parse.
#
# Usage: bench/ts_speed.sh [CONNLINT] [PACKAGE]
set -u -o pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
connlint=${1:-$root/build/connlint}
pkg=${2:-curl}
dir=$("$root/bench/fetch.sh" "$pkg") || exit 2
# Seconds one front end's parse of every unit takes (python3 is already a
# dependency; bc is not).
parse() {
  python3 - "$connlint" "$dir" "$1" <<'PY'
import subprocess, sys, time
t = time.monotonic()
subprocess.run([sys.argv[1], "-p", sys.argv[2], "--parse-only", "-j1", "--no-cache",
                "--frontend=" + sys.argv[3]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(f"{time.monotonic() - t:.2f}")
PY
}
clang=$(parse clang)
ts=$(parse tree-sitter)
units=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$dir/compile_commands.json")
printf '%s: %s units\n' "$pkg" "$units"
printf '  libclang parse     %8.2f s\n' "$clang"
printf '  tree-sitter parse  %8.2f s  (%s%% of libclang)\n' "$ts" \
  "$(python3 -c "print(f'{100 * $ts / $clang:.1f}')")"
