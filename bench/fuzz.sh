#!/usr/bin/env bash
# Long fuzzing runs: every fuzzer of scripts/fuzz.sh for SECONDS each
# (default 600). The corpora in build-fuzz/corpus keep growing from one run
# to the next, so repeated runs go deeper.
#
# usage: bench/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/fuzz.sh "${1:-600}"
