#!/usr/bin/env bash
# Fuzzes connlint: the libFuzzer targets of tests/fuzz (rule parser,
# .connlint parser, compile-database reader, baseline reader) and the C
# mutation fuzzer (tests/fuzz/mutate_c.py) against the whole program, all
# built with clang-19 and AddressSanitizer in build-fuzz/.
#
# usage: scripts/fuzz.sh [SECONDS]   time per fuzzer (default 12: about a
#                                    minute in all, what CI gives it)
# Long runs: bench/fuzz.sh. The libFuzzer corpora grow in build-fuzz/corpus
# across runs; crashes land in build-fuzz/artifacts, failing C mutants in
# build-fuzz/mutants. Exit status 1 when a fuzzer found something.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-12}
llvm=/usr/lib/llvm-19/bin

CC=$llvm/clang cmake -S . -B build-fuzz -DCONNLINT_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j2 --target fuzz_rules fuzz_config fuzz_baseline fuzz_compdb connlint >/dev/null

export ASAN_SYMBOLIZER_PATH=$llvm/llvm-symbolizer
# libclang keeps some process-lifetime allocations; they are not ours.
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
mkdir -p build-fuzz/artifacts
status=0
fuzz() {
  local name=$1
  shift
  local corpus=build-fuzz/corpus/$name log
  mkdir -p "$corpus"
  log=$(mktemp)
  if build-fuzz/tests/fuzz/fuzz_"$name" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix=build-fuzz/artifacts/"$name"- "$corpus" "$@" >"$log" 2>&1; then
    echo "fuzz_$name: $(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$') runs in ${secs}s, $(find "$corpus" -type f | wc -l) inputs in the corpus, nothing found"
  else
    echo "fuzz_$name: FOUND a problem:"
    grep -E 'ERROR|SUMMARY|artifact|Test unit written' "$log" | head -10 | sed 's/^/    /'
    status=1
  fi
  rm -f "$log"
}
fuzz rules rules
fuzz config tests/fuzz/seeds/config
fuzz baseline tests/golden
fuzz compdb tests/fuzz/seeds/compdb

/usr/bin/python3 tests/fuzz/mutate_c.py --connlint build-fuzz/connlint --seconds "$secs" \
  --out build-fuzz/mutants corpus examples tests/e2e/inputs || status=1
exit $status
