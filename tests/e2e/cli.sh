#!/usr/bin/env bash
# End-to-end tests of the connlint command line: exit codes, messages for
# bad input, the compilation database, output formats. Usage:
#   cli.sh CONNLINT SOURCE_DIR
set -u
bin=$1
src=$2
in=$src/tests/e2e/inputs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$src/tests/e2e/check.bash"

check help 0 'usage: connlint' -- --help
check help-exit-paths 0 "report-exit-paths .*process ends" -- --help
check help-main-return 0 "and main\(\)'s return" -- --help
check version 0 '^connlint [0-9]+\.[0-9]+' -- --version
check unknown-option 2 "unknown option '--frobnicate'" -- --frobnicate "$in/clean.c"
check no-input 2 'no input files' --
check bad-format 2 "--format takes 'text' or 'sarif'" -- --format xml "$in/clean.c"
check bad-jobs 2 '-j takes a number' -- -j zero "$in/clean.c"
check bad-max-states 2 '--max-states takes a number' -- --max-states 0 "$in/clean.c"
check max-states-note 0 'stopped after 1 states with [0-9]+ paths? left unexplored \(--max-states' -- --max-states 1 "$in/leak.c"
# The summary pass's own stop is said too (callers then treat the function
# as unknown), and a second run, from the cache, says it again.
check max-states-summary-note 0 'no summary for read_first_byte\(\): stopped after 1 states .*callers treat it as unknown' -- --max-states 1 "$in/leak.c"
check max-states-summary-note-cached 0 'no summary for read_first_byte\(\): stopped after 1 states' -- --stats --max-states 1 "$in/leak.c"
if grep -q '(1 from the cache)' <<<"$out"; then ok max-states-summary-note-from-cache
else bad max-states-summary-note-from-cache "$out"; fi
check missing-value 2 'option -o needs a value' -- "$in/clean.c" -o
check missing-file 2 'nope\.c.*No such file or directory' -- "$tmp/nope.c"
check directory-as-file 2 'is a directory' -- "$in"
check garbage 2 'garbage\.c.*could not be parsed' -- "$in/garbage.c"
check main-return-default 0 'no findings' -- "$in/main_return.c"
check main-return-reported 1 'main_return\.c:6:[0-9]+: warning: .*connlint-file-leak' -- --report-exit-paths "$in/main_return.c"
check clean 0 '^no findings|0 findings' -- "$in/clean.c"
check leak 1 'leak\.c:5:[0-9]+: warning: .*\[connlint-fd-leak\]' -- "$in/leak.c"
check leak-quiet 1 '^[^ ]*leak\.c:5:[0-9]+: warning' -- --quiet "$in/leak.c"
check missing-header 1 "exist\.h' file not found" -- "$in/missing_header.c"
check missing-header-still-analyzed 1 'missing_header\.c:6:[0-9]+: warning: .*connlint-fd-leak' -- "$in/missing_header.c"
# Resources handed to calls that do not type-check (their headers are
# missing) escape: only the real leak is reported.
check missing-header-escape 1 'missing_header_escape\.c:34:[0-9]+: warning: .*connlint-file-leak' -- "$in/missing_header_escape.c"
out=$("$bin" "$in/missing_header_escape.c" 2>&1)
if [ "$(grep -c 'warning: ' <<<"$out")" -eq 1 ]; then echo "ok   missing-header-escape-only"; pass=$((pass + 1));
else echo "FAIL missing-header-escape-only: expected exactly one finding"; echo "$out" | grep 'warning: ' | sed 's/^/    /'; fail=$((fail + 1)); fi
check bad-rules 2 'bad\.rules:4:[0-9]+: ' -- --rules "$in/bad.rules" "$in/clean.c"
check missing-rules 2 'nope\.rules' -- --rules "$tmp/nope.rules" "$in/clean.c"
check example-helper 1 'http_fetch\.c:35:12: warning: socket returned by connect_to\(\)' -- "$src/examples/http_fetch.c"
check example-addrinfo 1 'http_fetch\.c:18:7: warning: .*\[connlint-addrinfo-leak\]' -- "$src/examples/http_fetch.c"
check unknown-pack 2 "unknown rule pack 'nope'" -- --rules-pack nope "$in/clean.c"
check one-pack 1 'connlint-fd-leak' -- --rules-pack posix "$in/leak.c"
mkdir -p "$tmp/cfg" && cp "$in/leak.c" "$tmp/cfg/" && printf 'pakcs = posix\n' >"$tmp/cfg/.connlint"
check config-malformed 2 'cfg/\.connlint:1: unknown key' -- "$tmp/cfg/leak.c"
check config-ignored 1 'connlint-fd-leak' -- --no-config "$tmp/cfg/leak.c"
mkdir -p "$tmp/cfg2" && cp "$in/leak.c" "$tmp/cfg2/" && printf 'exclude = leak.c\n' >"$tmp/cfg2/.connlint"
check config-exclude 0 'no findings' -- "$tmp/cfg2/leak.c"
check list-rules 0 'socket' -- --list-rules
# A user file's pack is named after the file; new clauses print back.
check list-rules-pack 0 'func sdscat +pack=sds  borrows all; hands back arg0' -- --no-config --rules "$src/rules/examples/sds.rules" --list-rules
check list-rules-refs 0 'g_object_ref +pack=glib  hands back arg0 in place; refs arg0' -- --no-config --rules "$src/rules/examples/glib.rules" --list-rules
# Rules checked against the code: warnings, once each, not errors.
check rule-arg-count 0 'check\.rules:4: warning: the rule for .thing_put. names arg2, but .*check\.c:6 declares it with 1 parameter' -- --no-config --rules "$in/check.rules" "$in/check.c"
check rule-deref-int 0 "check\.rules:6: warning: the rule for 'thing_get' reaches through arg0, but .*declares that parameter as an integer" -- --no-config --rules "$in/check.rules" "$in/check.c"
check rule-unmatched 0 "check\.rules:5: warning: the rule for 'thing_never' matched no call" -- --no-config --rules "$in/check.rules" --check-rules "$in/check.c"
out=$("$bin" --no-config --rules "$in/check.rules" "$in/check.c" "$in/check.c" 2>&1)
if [ "$(grep -c 'names arg2' <<<"$out")" -eq 1 ] && ! grep -q 'matched no call' <<<"$out"; then
  echo "ok   rule-warnings-once"; pass=$((pass + 1))
else
  echo "FAIL rule-warnings-once"; echo "$out" | head -20 | sed 's/^/    /'; fail=$((fail + 1))
fi
check dump-cfg 0 'read_first_byte' -- --dump-cfg "$in/leak.c"
check dump-cfg-dot 0 '^digraph' -- --dump-cfg=dot "$in/leak.c"
check bad-dump 2 "--dump-cfg takes" -- --dump-cfg=svg "$in/leak.c"

# An unreadable file. Root reads everything, so as root the check runs as
# the unprivileged user "nobody" (CI runs as root).
cp "$in/clean.c" "$tmp/unreadable.c" && chmod 000 "$tmp/unreadable.c"
chmod 755 "$tmp"
if [ "$(id -u)" -ne 0 ]; then
  check unreadable 2 'unreadable\.c.*Permission denied' -- "$tmp/unreadable.c"
elif command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
  out=$(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$bin" "$tmp/unreadable.c" 2>&1)
  rc=$?
  if [ $rc -eq 126 ] || [ $rc -eq 127 ]; then
    echo "skip unreadable: nobody cannot run $bin"
  elif [ $rc -eq 2 ] && grep -q 'unreadable\.c.*Permission denied' <<<"$out"; then
    echo "ok   unreadable"; pass=$((pass + 1))
  else
    echo "FAIL unreadable: exit $rc: $out"; fail=$((fail + 1))
  fi
fi

# Compilation databases.
mkdir -p "$tmp/db-empty" "$tmp/db-bad" "$tmp/db-ok/build/sub" "$tmp/db-none"
echo '[]' >"$tmp/db-empty/compile_commands.json"
printf '[\n  {"directory": "/x", "file": \n' >"$tmp/db-bad/compile_commands.json"
cp "$in/leak.c" "$in/clean.c" "$tmp/db-ok/"
cat >"$tmp/db-ok/build/compile_commands.json" <<JSON
[
  {"directory": "$tmp/db-ok/build", "command": "cc -O2 -Wall -c -o leak.o ../leak.c", "file": "../leak.c"},
  {"directory": "$tmp/db-ok/build", "arguments": ["cc", "-c", "-MD", "-MF", "clean.d", "-o", "clean.o", "../clean.c"], "file": "../clean.c"}
]
JSON
mkdir -p "$tmp/db-twice"
cat >"$tmp/db-twice/compile_commands.json" <<JSON
[
  {"directory": "$tmp/db-ok", "command": "cc -fPIC -c leak.c -o .libs/leak.o", "file": "leak.c"},
  {"directory": "$tmp/db-ok", "command": "cc -c leak.c -o leak.o", "file": "leak.c"}
]
JSON
check db-built-twice 1 '1 file analyzed' -- -p "$tmp/db-twice" --stats
check db-empty 2 'has no entries' -- -p "$tmp/db-empty"
check db-malformed 2 'compile_commands\.json:[0-9]+:[0-9]+: malformed' -- -p "$tmp/db-bad"
check db-missing 2 'no compile_commands\.json' -- -p "$tmp/db-none"
check db-not-a-dir 2 'no such directory' -- -p "$tmp/nowhere"
check db-all 1 'leak\.c:5:[0-9]+: warning: .*connlint-fd-leak' -- -p "$tmp/db-ok/build"
check db-one-clean 0 'no findings' -- -p "$tmp/db-ok/build" "$tmp/db-ok/clean.c"
check db-parent 1 'connlint-fd-leak' -- -p "$tmp/db-ok/build/sub"
check db-unlisted 2 'not listed in' -- -p "$tmp/db-ok/build" "$in/leak.c"
(cd "$tmp/db-ok/build" && "$bin" -p . -j 1 >"$tmp/j1.txt" 2>&1; "$bin" -p . -j 4 >"$tmp/j4.txt" 2>&1)
if cmp -s "$tmp/j1.txt" "$tmp/j4.txt"; then echo "ok   jobs-deterministic"; pass=$((pass + 1));
else echo "FAIL jobs-deterministic: -j 1 and -j 4 differ"; fail=$((fail + 1)); fi

# SARIF output is valid against the 2.1.0 schema.
"$bin" --format sarif -o "$tmp/out.sarif" "$in/leak.c" >/dev/null 2>&1
rc=$?
if [ $rc -eq 1 ] && /usr/bin/python3 "$src/tests/validate_sarif.py" "$tmp/out.sarif" >/dev/null 2>&1; then
  echo "ok   sarif-valid"; pass=$((pass + 1))
else
  echo "FAIL sarif-valid: exit $rc"; /usr/bin/python3 "$src/tests/validate_sarif.py" "$tmp/out.sarif" 2>&1 | head -5; fail=$((fail + 1))
fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
