#!/bin/bash
# smoke.sh - runs connlint over real C code bases and fails on a crash, a
# hang, an internal error or a budget note (a function it gave up on).
#
# The code bases are Debian source packages: curl, redis and four network
# servers, memcached, lighttpd, tinyproxy and dnsmasq (SMOKE_PACKAGES picks others;
# nginx has a recipe too), fetched once with `apt-get source` into bench/cache/
# (git-ignored). Each gets a compile_commands.json from its own build: its
# configure script (redis and dnsmasq have none), then `bear -- make`, so connlint sees
# the flags and generated headers (curl_config.h, release.h) a real build
# uses. connlint then runs in whole-program mode (`-p DIR`) under a timeout.
#
# The corpus measures precision; this measures robustness on code nobody
# wrote for connlint. It is not part of CTest: the first run downloads and
# builds (on 2 cores: curl 2 min, redis 1 min, lighttpd 1 min, memcached and
# tinyproxy 30 s, dnsmasq 15 s), later runs only analyze: 200 translation units for curl,
# 140 for redis, 97 for lighttpd, 43 for dnsmasq, 32 for tinyproxy, 29 for memcached. Per code base it prints units, findings, budget notes,
# time and peak memory (the whole run, and the parse phase's with --stats),
# then the precision of the findings against the verdicts a person gave
# them by reading the code (bench/verdicts.py).
#
# Usage: bench/smoke.sh [CONNLINT]      (default: build/connlint)
# Environment:
#   SMOKE_PACKAGES          source packages to run on ("curl redis memcached lighttpd tinyproxy dnsmasq")
#   SMOKE_TIMEOUT           seconds allowed per code base (1800)
#   SMOKE_MAX_BUDGET_NOTES  budget notes tolerated per code base (0: no function
#                           of these code bases may run out of budget)
#   SMOKE_JOBS              parallel jobs for make and connlint (2)
#   SMOKE_CACHE             where sources are kept (bench/cache)
# Exit status: 0 all code bases passed, 1 a failure, 2 set-up problem.
set -u -o pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
connlint=${1:-${CONNLINT:-$root/build/connlint}}
packages=${SMOKE_PACKAGES:-curl redis memcached lighttpd tinyproxy dnsmasq}
limit=${SMOKE_TIMEOUT:-1800}
max_notes=${SMOKE_MAX_BUDGET_NOTES:-0}
jobs=${SMOKE_JOBS:-2}
cache=${SMOKE_CACHE:-$root/bench/cache}
out=$root/bench/out
py=/usr/bin/python3

die() { echo "smoke: $*" >&2; exit 2; }
log() { echo "smoke: $*" >&2; }

[ -x "$connlint" ] || die "$connlint is not executable; build connlint first (cmake --build build)"
command -v bear >/dev/null || die "bear is not installed (apt-get install bear)"
mkdir -p "$cache/src" "$out" || die "cannot create $cache"

. "$root/bench/lib.sh"

# Summarizes a SARIF log: results, budget notes, other notes.
sarif_counts() {
  "$py" - "$1" <<'EOF'
import json, re, sys
try:
    log = json.load(open(sys.argv[1]))
except (OSError, ValueError) as e:
    print("unreadable: %s" % e)
    sys.exit(1)
results = budget = other = 0
for run in log.get("runs", []):
    results += sum(1 for r in run.get("results", []) if not r.get("suppressions"))
    for inv in run.get("invocations", []):
        for n in inv.get("toolExecutionNotifications", []):
            text = (n.get("message") or {}).get("text", "") + " " + \
                   (n.get("descriptor") or {}).get("id", "")
            if re.search(r"budget|state limit|stopped after", text, re.I):
                budget += 1
            else:
                other += 1
print(results, budget, other)
EOF
}

# Runs $@ under the timeout; sets rc, secs, peak_kb.
timed() {
  local t0 t1 tf
  tf=$(mktemp)
  t0=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    timeout --kill-after=10 "$limit" /usr/bin/time -f %M -o "$tf" "$@"
  else
    timeout --kill-after=10 "$limit" "$@"
  fi
  rc=$?
  t1=$(date +%s.%N)
  secs=$("$py" -c "print(round($t1 - $t0, 1))")
  peak_kb=$(tail -1 "$tf" 2>/dev/null | grep -E '^[0-9]+$' || echo "?")
  rm -f "$tf"
}

failures=0
# With --stats connlint splits its time into parse+lower and analysis and
# reports its own peak memory; older binaries without it are still timed.
stats=""
# (--help is read whole first: with pipefail, grep -q closing the pipe early
# would fail the test through connlint's SIGPIPE.)
help=$("$connlint" --help 2>&1)
grep -q -- '--stats' <<<"$help" && stats=--stats
# Every run analyzes everything: no results from an earlier run's cache.
grep -q -- '--no-cache' <<<"$help" && stats="$stats --no-cache"

for pkg in $packages; do
  declare -F "configure_$pkg" >/dev/null || die "no build recipe for $pkg (known: curl dnsmasq lighttpd memcached nginx redis tinyproxy)"
  dir=$(fetch "$pkg") || exit 2
  compile_db "$pkg" "$dir"
  dedupe_db "$dir/compile_commands.json"
  name=$(basename "$dir")
  ntu=$("$py" -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$dir/compile_commands.json")
  sarif=$out/$name.sarif
  rm -f "$sarif"
  log "analyzing $name ($ntu translation units, timeout ${limit}s)"
  timed "$connlint" -p "$dir" -j "$jobs" $stats --format sarif -o "$sarif" 2>"$out/$name.stderr"
  verdict=ok
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    verdict="HANG (no result after ${limit}s)"
  elif [ "$rc" -gt 128 ]; then
    verdict="CRASHED with signal $((rc - 128)) (see $out/$name.stderr)"
  elif [ "$rc" -ge 2 ]; then
    verdict="FAILED with exit status $rc (see $out/$name.stderr)"
  fi
  counts=$(sarif_counts "$sarif") || { [ "$verdict" = ok ] && verdict="UNREADABLE SARIF: $counts"; counts="? ? ?"; }
  read -r findings budget other <<<"$counts"
  if [ "$verdict" = ok ] && [ "$budget" != "?" ] && [ "$budget" -gt "$max_notes" ]; then
    verdict="TOO MANY BUDGET NOTES ($budget > $max_notes)"
  fi
  parse=""
  if [ -n "$stats" ]; then
    parse=$(grep -o 'parse+lower [0-9.]*s, analysis [0-9.]*s' "$out/$name.stderr" | tail -1)
    [ -n "$parse" ] && parse=" ($parse)"
    phases=$(grep -o 'parse+lower [0-9.]* MiB, .*the parse)' "$out/$name.stderr" | tail -1)
    [ -n "$phases" ] && parse="$parse, peak by phase: $phases"
  fi
  printf '%s: %s TUs, %s findings, %s budget notes, %s other notes, %ss%s, peak %s KB: %s\n' \
    "$name" "$ntu" "$findings" "$budget" "$other" "$secs" "$parse" "$peak_kb" "$verdict"
  if [ "$verdict" != ok ]; then
    failures=$((failures + 1))
    tail -5 "$out/$name.stderr" | sed 's/^/    | /'
  fi
done

# Precision against the hand-read verdicts (bench/verdicts/), as a report:
# new findings nobody has read are listed, never counted as true.
"$py" "$root/bench/verdicts.py" --out "$out" --verdicts "$root/bench/verdicts"

[ "$failures" = 0 ] || { echo "smoke: $failures code base(s) failed"; exit 1; }
echo "smoke: all code bases passed"
