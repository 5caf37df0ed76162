#!/bin/bash
# Prints the source directory of a real code base (curl, redis, nginx),
# fetching and building it under bear the first time, so that the
# directory holds a compile_commands.json. Usage: bench/fetch.sh PACKAGE
set -u -o pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${SMOKE_CACHE:-$root/bench/cache}
jobs=${SMOKE_JOBS:-$(nproc)}
py=/usr/bin/python3
die() { echo "fetch: $*" >&2; exit 2; }
log() { echo "fetch: $*" >&2; }
pkg=${1:?usage: bench/fetch.sh curl|redis|nginx}
. "$root/bench/lib.sh"

declare -F "configure_$pkg" >/dev/null || die "no build recipe for $pkg (known: curl lighttpd memcached nginx redis tinyproxy)"
command -v bear >/dev/null || die "bear is not installed (apt-get install bear)"
mkdir -p "$cache/src" || die "cannot create $cache/src"
dir=$(fetch "$pkg") || exit 2
compile_db "$pkg" "$dir"
dedupe_db "$dir/compile_commands.json"
echo "$dir"
