#!/bin/bash
# The cache on a real code base: how long a cold run (empty cache), a warm
# run (nothing changed) and runs after an edit take, and whether each gives
# exactly the output of a run without the cache.
#
#   SMOKE_CACHE=/work/smoke-cache bench/cache.sh [curl|redis|memcached|lighttpd|nginx]
#
# Outputs are compared as text and as SARIF result sets (every result with
# its locations, message, code flows, fixes and fingerprints). EDITS=0 skips
# the edits (fresh, cold and warm only); EDIT_FILE=PATH (in the tree) picks
# the edited file.
#
# The code base is copied to a scratch directory (the edits must not touch
# the shared source tree) with its compile_commands.json rewritten. Edits:
#   comment  a comment appended to one file: that unit alone is re-analyzed;
#   shift    a line inserted at the top of one file: every summary of the
#            file moves (summaries carry their line), so its callers in
#            other units are re-analyzed too.
# Exits 1 when the warm run takes more than 10% of the cold one or any
# output differs from the uncached run's.
set -u -o pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pkg=${1:-curl}
connlint=${CONNLINT:-$root/build/connlint}
jobs=${JOBS:-2}
src=$("$root/bench/fetch.sh" "$pkg") || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tree=$tmp/$pkg
cp -a "$src" "$tree"
rm -rf "$tree/.connlint-cache"
python3 - "$src" "$tree" <<'PY'
import json, sys
old, new = sys.argv[1], sys.argv[2]
p = new + "/compile_commands.json"
db = json.load(open(p))
def fix(v):
    return v.replace(old, new) if isinstance(v, str) else [fix(x) for x in v]
for e in db:
    for k in ("directory", "file", "command", "arguments", "output"):
        if k in e:
            e[k] = fix(e[k])
json.dump(db, open(p, "w"), indent=1)
PY
ntu=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$tree/compile_commands.json")

fail=0
# run NAME ARGS...: times one run; its SARIF goes to $tmp/NAME.sarif
run() {
  local name=$1
  shift
  local t0 t1
  t0=$(date +%s.%N)
  "$connlint" -p "$tree" -j "$jobs" --stats --format sarif -o "$tmp/$name.sarif" "$@" \
    >/dev/null 2>"$tmp/$name.err"
  echo $? >"$tmp/$name.rc"
  t1=$(date +%s.%N)
  secs=$(echo "$t1 - $t0" | bc)
  cached=$(grep -o '([0-9]* from the cache)' "$tmp/$name.err" | tr -dc 0-9)
  printf '%-16s %7.2f s   %3s of %s units from the cache\n' "$name" "$secs" "${cached:-0}" "$ntu"
  eval "t_$name=$secs"
}
# The engine's per-function budget has a wall-clock part (10 s): on a loaded
# machine a function stops after a different number of states from one run
# to the next, cache or not, so budget notes are compared without the count.
# same A B: A's SARIF results (each whole: locations, message, code flows,
# fixes, fingerprints, suppressions) and notifications equal B's.
same() {
  if python3 - "$tmp/$1.sarif" "$tmp/$2.sarif" <<'PY' && cmp -s "$tmp/$1.rc" "$tmp/$2.rc"; then
import json, re, sys
def load(p):
    run = json.load(open(p))["runs"][0]
    res = sorted(json.dumps(r, sort_keys=True) for r in run.get("results", []))
    notes = sorted(re.sub(r"stopped after \d+ states", "stopped after N states",
                          json.dumps(n, sort_keys=True))
                   for inv in run.get("invocations", [])
                   for n in inv.get("toolExecutionNotifications", []))
    return res, notes
a, b = load(sys.argv[1]), load(sys.argv[2])
sys.exit(0 if a == b else 1)
PY
    echo "  $1 = $2 (identical SARIF results, $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' "$tmp/$1.sarif") results)"
  else
    echo "  $1 != $2: the cache changed the result"
    fail=1
  fi
}

echo "cache on $pkg ($ntu translation units, -j$jobs)"
cache=(--cache-dir "$tmp/cache")
run fresh --no-cache
run cold "${cache[@]}"
same cold fresh
run warm "${cache[@]}"
same warm fresh

if [ "${EDITS:-1}" = 0 ]; then
  ratio=$(echo "scale=3; $t_warm / $t_cold" | bc)
  echo "warm / cold = $ratio"
  exit $fail
fi

# The edits go to EDIT_FILE (a path in the tree) when given, else to the
# unit with the most functions that other units call.
victim=$(python3 - "$tree/compile_commands.json" <<'PY'
import json, os, sys
db = json.load(open(sys.argv[1]))
files = [os.path.join(e["directory"], e["file"]) for e in db]
best = max(files, key=lambda f: open(f, errors="replace").read().count("\n}\n"))
print(best)
PY
)
[ -n "${EDIT_FILE:-}" ] && victim=$tree/$EDIT_FILE
echo "edited file: ${victim#$tree/}"
printf '\n/* edited by bench/cache.sh */\n' >>"$victim"
run comment "${cache[@]}"
run comment_fresh --no-cache
same comment comment_fresh
sed -i '1i /* shifted by bench/cache.sh */' "$victim"
run shift "${cache[@]}"
run shift_fresh --no-cache
same shift shift_fresh

du -sh "$tmp/cache" | awk '{print "cache size: " $1}'
ratio=$(echo "scale=3; $t_warm / $t_cold" | bc)
echo "warm / cold = $ratio (bar: at most 0.100)"
if [ "$(echo "$ratio > 0.1" | bc)" = 1 ]; then
  echo "the warm run takes more than 10% of the cold one"
  fail=1
fi
exit $fail
