#!/usr/bin/env bash
# Fetches a Debian source package into bench/cache/NAME and produces its
# compile_commands.json, so benchmarks and smoke tests run on real code.
# Cached: a second run does nothing. Usage: bench/fetch.sh curl|redis
# Prints the source directory (which holds compile_commands.json) on stdout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=$here/cache
name=${1:?usage: bench/fetch.sh curl|redis}
mkdir -p "$cache"

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"

ensure_deb_src() {
  if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "fetch: adding a deb-src entry for bookworm" >&2
    $sudo tee /etc/apt/sources.list.d/connlint-src.sources >/dev/null <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    $sudo apt-get update -qq >&2
  fi
}

ensure_pkgs() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

src=$(find "$cache" -maxdepth 1 -type d -name "$name-[0-9]*" 2>/dev/null | sort | tail -1)
if [ -z "$src" ]; then
  ensure_deb_src
  ensure_pkgs dpkg-dev bear
  (cd "$cache" && apt-get source -qq "$name" >&2)
  src=$(find "$cache" -maxdepth 1 -type d -name "$name-[0-9]*" | sort | tail -1)
fi
[ -n "$src" ] || { echo "fetch: could not fetch $name" >&2; exit 2; }

if [ ! -s "$src/compile_commands.json" ]; then
  ensure_pkgs bear make autoconf automake libtool
  case $name in
    curl)
      ensure_pkgs libssl-dev zlib1g-dev
      (cd "$src" && { [ -x configure ] || autoreconf -fi; } >&2 &&
        ./configure -q --with-openssl --without-libpsl --disable-ldap --without-brotli \
          --without-zstd --without-nghttp2 --without-libidn2 --without-librtmp \
          --without-libssh2 --disable-manual >&2 &&
        bear -- make -j"$(nproc)" -C lib >&2 && bear --append -- make -j"$(nproc)" -C src >&2)
      ;;
    redis)
      (cd "$src" && bear -- make -j"$(nproc)" -C src MALLOC=libc BUILD_TLS=no >&2)
      ;;
    *)
      echo "fetch: no build recipe for $name" >&2; exit 2 ;;
  esac
fi
echo "$src"
