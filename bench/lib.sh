# bench/lib.sh - real code bases for benchmarks and smoke tests: Debian
# source packages fetched once with `apt-get source` into $cache/src, each
# built under bear once so that it has a compile_commands.json with the
# flags and generated headers of a real build. Sourced by bench/fetch.sh
# and bench/smoke.sh, which set root, cache, jobs, py and die/log first.

# apt-get source needs a deb-src entry. Debian 12 keeps its sources in deb822
# form (/etc/apt/sources.list.d/debian.sources); we add a separate .sources
# file with the same archives and Types: deb-src rather than edit that one.
ensure_deb_src() {
  if grep -qsE '^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list ||
    grep -qsE '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources; then
    return 0
  fi
  local base=/etc/apt/sources.list.d/debian.sources
  local extra=/etc/apt/sources.list.d/connlint-deb-src.sources
  [ -r "$base" ] || die "no deb-src entry and no $base to derive one from; add a deb-src line for your mirror"
  [ "$(id -u)" = 0 ] || die "apt-get source needs a deb-src entry; run once as root to add $extra"
  log "adding $extra and running apt-get update"
  sed 's/^Types:.*/Types: deb-src/' "$base" >"$extra" || die "cannot write $extra"
  apt-get update -qq || die "apt-get update failed"
}

# Prints the extracted source directory of package $1, fetching it if needed.
fetch() {
  local pkg=$1 dir
  dir=$(find "$cache/src" -mindepth 1 -maxdepth 1 -type d -name "$pkg-[0-9]*" | sort | tail -1)
  if [ -z "$dir" ]; then
    ensure_deb_src
    log "fetching the $pkg source package"
    (cd "$cache/src" && apt-get source -qq "$pkg" >&2) || die "apt-get source $pkg failed"
    dir=$(find "$cache/src" -mindepth 1 -maxdepth 1 -type d -name "$pkg-[0-9]*" | sort | tail -1)
  fi
  [ -n "$dir" ] || die "no source directory for $pkg under $cache/src"
  echo "$dir"
}

# Each code base's own configuration, then a real build under bear. The
# options only leave out what needs libraries the machine lacks.
configure_curl() {
  ./configure --disable-static --with-openssl --without-libpsl --without-librtmp --without-libssh2 \
    --without-zstd --disable-ldap --disable-ldaps --disable-manual --disable-dependency-tracking
}
configure_nginx() {
  ./configure --with-http_ssl_module --with-http_v2_module --without-http_rewrite_module \
    --with-stream --with-stream_ssl_module
}
# lighttpd without the optional compression and regex libraries.
configure_lighttpd() {
  ./configure --without-pcre2 --without-pcre --without-zlib --without-bzip2 --without-brotli \
    --without-zstd --without-libdeflate --disable-dependency-tracking
}
# memcached needs libevent-dev; SASL and TLS stay off as in a plain build.
configure_memcached() {
  ./configure --disable-sasl --disable-tls --disable-dependency-tracking
}
# tinyproxy: a small forwarding proxy, as Debian builds it.
configure_tinyproxy() {
  ./configure --disable-dependency-tracking
}
# redis has no configure step; vendored dependencies are built by its Makefile.
configure_redis() {
  true
}
make_args_redis() { echo "MALLOC=libc BUILD_TLS=no"; }
# dnsmasq has no configure step: its Makefile builds src/ with the default
# config.h (no DBus, IDN, DNSSEC or conntrack), as a plain `make` does.
configure_dnsmasq() {
  true
}

compile_db() {
  local pkg=$1 dir=$2
  [ -s "$dir/compile_commands.json" ] && return 0
  log "configuring and building $pkg under bear (once; cached in $dir)"
  local t0=$SECONDS args=""
  declare -F "make_args_$pkg" >/dev/null && args=$("make_args_$pkg")
  (
    cd "$dir" &&
      "configure_$pkg" >"$dir/.smoke-configure.log" 2>&1 &&
      bear --output "$dir/compile_commands.json" -- make -j"$jobs" $args >"$dir/.smoke-build.log" 2>&1
  ) || log "$pkg build failed (see $dir/.smoke-*.log); using the commands recorded so far"
  [ -s "$dir/compile_commands.json" ] || die "no compile_commands.json for $pkg"
  log "$pkg built in $((SECONDS - t0)) s"
}

# libtool may compile a file twice (PIC and not); one entry per source file
# is what an analyzer wants, so later entries for the same file are dropped.
dedupe_db() {
  "$py" - "$1" <<'EOF'
import json, os, sys
path = sys.argv[1]
db = json.load(open(path))
seen, keep = set(), []
for e in db:
    f = os.path.normpath(os.path.join(e.get("directory", "."), e["file"]))
    if f not in seen:
        seen.add(f)
        keep.append(e)
if len(keep) != len(db):
    json.dump(keep, open(path, "w"), indent=1)
EOF
}

