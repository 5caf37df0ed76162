#!/usr/bin/env bash
# Sets up connlint on Debian 12: installs the packages the build and the
# tests need (only those missing), builds, and runs connlint on a bundled
# example so you see real findings. Safe to run again at any time.
#
#   scripts/bootstrap.sh            install + build + demo
#   scripts/bootstrap.sh --no-demo  install + build only (used by scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

demo=1
[ "${1:-}" = "--no-demo" ] && demo=0

# Build and test dependencies. The library dev packages give the corpus the
# real headers of the libraries whose resources connlint models.
packages=(
  build-essential cmake pkg-config git
  libclang-19-dev clang-19 libjansson-dev libcmocka-dev
  python3 python3-jsonschema valgrind clang-format
  libclang-rt-19-dev
  libcurl4-openssl-dev libpq-dev libhiredis-dev libsqlite3-dev libssl-dev
  libmicrohttpd-dev libgrpc-dev
  pre-commit python3-yaml # tests/e2e/precommit.sh, tests/e2e/action.sh
  libtree-sitter-dev
  libfiu-dev
  neovim # the language server's test with a real client (tests/lsp/nvim_test.sh)
  libevent-dev # bench/smoke.sh builds memcached
)
# npm fetches tree-sitter's C grammar into the build tree (and the SARIF
# multitool for the tests); Debian's npm only when no npm is on PATH.
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build=${CONNLINT_BUILD_DIR:-build}
# Configuring fetches tree-sitter's C grammar into $build (scripts/fetch-grammar.sh).
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)"

if [ $demo -eq 1 ]; then
  echo
  echo "bootstrap: connlint is built at $build/connlint. Running it on examples/http_fetch.c:"
  echo
  set +e
  "$build/connlint" examples/http_fetch.c
  rc=$?
  set -e
  echo
  echo "bootstrap: connlint exited with $rc (0 no findings, 1 findings, 2 input error, 3 internal error)"
  [ $rc -le 1 ] || exit $rc
fi
