#!/usr/bin/env bash
# Runs the whole test suite: unit tests (cmocka), end-to-end CLI tests, the
# corpus (expected findings), and the end-to-end cases again under
# AddressSanitizer/LeakSanitizer so connlint itself is checked for leaks.
# Installs and builds whatever is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh --no-demo

echo "== tests"
ctest --test-dir build --output-on-failure -j "$(nproc)"

echo "== tests under AddressSanitizer + LeakSanitizer"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCONNLINT_SANITIZE=ON >/dev/null
cmake --build build-asan -j "$(nproc)" >/dev/null
# libclang keeps some process-lifetime allocations; they are not ours.
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
ctest --test-dir build-asan --output-on-failure -j "$(nproc)"

echo "== fuzzing: a short run of every fuzzer (long runs: bench/fuzz.sh)"
scripts/fuzz.sh 12
