# check.bash - the helpers the end-to-end scripts share (sourced; the .bash
# name keeps CTest from running it as a test of its own).
#
#   ok NAME / bad NAME [OUTPUT]   count a result
#   check NAME EXIT PATTERN -- ARGS...
#       runs "$bin" ARGS, and checks the exit code and that stdout+stderr
#       (left in $out) matches the extended regex PATTERN.
pass=0
fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; [ -n "${2:-}" ] && echo "$2" | head -20 | cut -c1-200 | sed 's/^/    /'; fail=$((fail + 1)); }
check() {
  local name=$1 want=$2 pattern=$3
  shift 4
  out=$("$bin" "$@" 2>&1)
  local rc=$?
  if [ "$rc" -ne "$want" ]; then bad "$name: exit $rc, expected $want" "$out"
  elif ! grep -Eq -- "$pattern" <<<"$out"; then bad "$name: output does not match /$pattern/" "$out"
  else ok "$name"; fi
}
