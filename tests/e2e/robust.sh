#!/usr/bin/env bash
# End-to-end tests of what connlint does with hostile or unanalyzable input
# (issue 14): escaped control characters, -o that would overwrite an input,
# runs in which something was not analyzed, the baseline read first, relative
# directories in compile_commands.json, the time and memory limits. Usage:
#   robust.sh CONNLINT SOURCE_DIR
set -u
bin=$(realpath "$1")
src=$2
in=$src/tests/e2e/inputs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT


. "$src/tests/e2e/check.bash"

# ---- 3. Control characters never reach the terminal raw.
esc=$'\033'
evil="$tmp/evil${esc}]0;title"$'\a'"
name.c"
printf '#include <fcntl.h>\nint f(const char *p) {\n  int fd = open(p, 0); /* \033[2J\033]0;pwned\007 */\n  if (fd < 0) return -1;\n  return 0;\n}\n' >"$evil"
check escape-file-name 1 'evil<U\+001B>\]0;title<U\+0007><U\+000A>name\.c:3:12: warning' -- "$evil"
check escape-source-line 1 '/\* <U\+001B>\[2J<U\+001B>\]0;pwned<U\+0007> \*/' -- "$evil"
if grep -q "$esc" <<<"$out" || grep -q $'\a' <<<"$out"; then bad "escape-none-raw: a raw control byte reached the output" "$out"; else ok escape-none-raw; fi
# One finding line per finding even with a newline in the file name.
n=$("$bin" --quiet "$evil" 2>/dev/null | wc -l)
[ "$n" -eq 1 ] && ok escape-one-line || bad "escape-one-line: $n lines for one finding"
# The caret stays under the call: `open` is at byte 12, after 2 spaces + "int fd = ".
check escape-caret 1 $'\n      \\|            \\^' -- "$evil"
# A file name with ESC among the input problems (stderr) is escaped too.
printf 'int f(void) { return }\n' >"$tmp/err${esc}[31m.c"
check escape-problems 2 "err<U\+001B>\[31m\.c:1:22: (error|note)" -- "$tmp/err${esc}[31m.c"

# ---- 4. -o never overwrites an input, and is replaced only when complete.
cp "$in/leak.c" "$tmp/victim.c"
check output-is-input 2 '-o .*victim\.c names an input of this run' -- "$tmp/victim.c" -o "$tmp/victim.c"
cmp -s "$in/leak.c" "$tmp/victim.c" && ok output-input-untouched || bad "output-input-untouched: the source was changed"
cp "$src/rules/posix.rules" "$tmp/victim.rules"
check output-is-rule-file 2 'names an input of this run' -- --no-default-rules --rules "$tmp/victim.rules" "$in/leak.c" -o "$tmp/victim.rules"
cmp -s "$src/rules/posix.rules" "$tmp/victim.rules" && ok output-rules-untouched || bad "output-rules-untouched"
"$bin" "$in/leak.c" -o "$tmp/report.txt" >/dev/null 2>&1
cp "$tmp/report.txt" "$tmp/report.before"
echo 'not sarif' >"$tmp/bad.sarif"
check output-kept-on-error 2 'bad\.sarif' -- "$in/leak.c" --baseline "$tmp/bad.sarif" -o "$tmp/report.txt"
cmp -s "$tmp/report.txt" "$tmp/report.before" && ok output-earlier-report-intact || bad "output-earlier-report-intact"
ls "$tmp" | grep -q '\.tmp\.' && bad "output-no-temp-left" "$(ls "$tmp")" || ok output-no-temp-left
check output-written 1 '' -- "$in/leak.c" -o "$tmp/new.txt"
# A device or a pipe is written in place, never replaced by a file (as root,
# a rename over /dev/null would turn it into one).
mkfifo "$tmp/pipe"
cat "$tmp/pipe" >"$tmp/from-pipe" &
"$bin" "$in/leak.c" -o "$tmp/pipe" >/dev/null 2>&1
wait
[ -p "$tmp/pipe" ] && grep -q 'connlint-fd-leak' "$tmp/from-pipe" && ok output-pipe-in-place ||
  bad "output-pipe-in-place: the FIFO was replaced or got nothing"
"$bin" "$in/leak.c" -o /dev/null >/dev/null 2>&1
[ -c /dev/null ] && ok output-dev-null-stays-a-device || bad "output-dev-null: /dev/null is no longer a device"
grep -q 'connlint-fd-leak' "$tmp/new.txt" && ok output-content || bad "output-content" "$(cat "$tmp/new.txt")"

# ---- 5. Nothing is skipped silently.
cp "$in/leak.c" "$tmp/leak.cpp"
check cxx-only 2 'leak\.cpp: is C\+\+; connlint analyzes C only' -- "$tmp/leak.cpp"
check cxx-mixed 1 'leak\.cpp: is C\+\+; connlint analyzes C only, so it was skipped' -- "$tmp/leak.cpp" "$in/leak.c"
check cxx-flag 2 'is C\+\+' -- "$in/clean.c" -- -x c++
printf '#include <missing.h>\nint f(void) {\n  BEGIN_BLOCK\n  FOO bar baz;\n  END_BLOCK\n}\n' >"$tmp/nothing.c"
check nothing-parsed 2 'nothing\.c: could not be analyzed: no statement of its functions parsed' -- "$tmp/nothing.c"
mkdir -p "$tmp/ex" && cp "$in/leak.c" "$tmp/ex/" && printf 'exclude = leak.c\n' >"$tmp/ex/.connlint"
check excluded-named 0 'leak\.c: note: excluded by .*\.connlint; not analyzed' -- "$tmp/ex/leak.c"
check excluded-all 0 'every file named is excluded; nothing was analyzed' -- "$tmp/ex/leak.c"
mkdir -p "$tmp/cc" && cp "$in/leak.c" "$tmp/cc/" && printf 'compile-commands = build\n' >"$tmp/cc/.connlint"
(cd "$tmp/cc" && check compdb-config-unused 1 'compile-commands = .*build \(\.connlint\) is not used when files are named' -- leak.c)
# A function cut short by the state budget is reported under --quiet too.
/usr/bin/python3 - "$tmp/budget.c" <<'PY'
import sys
out = ['#include <stdio.h>', 'int g(int);', 'int f(int x) {']
out += [f'  FILE *f{i} = fopen("a", "r");' for i in range(24)]
out += [f'  if (g({i})) {{ if (f{i}) fclose(f{i}); }}' for i in range(24)]
out += [f'  if (g({i} + 100) && f{i}) fclose(f{i});' for i in range(24)]
out += ['  return 0;', '}']
open(sys.argv[1], 'w').write('\n'.join(out) + '\n')
PY
err=$("$bin" --quiet --max-states 100 "$tmp/budget.c" 2>&1 >/dev/null)
grep -Eq 'note: analysis of f\(\) (stopped after|left) ' <<<"$err" && ok budget-quiet-note || bad "budget-quiet-note" "$err"

# ---- 6. An error flood shows the first errors and a count.
head -c 100000 "$bin" >"$tmp/binary.c"
check error-flood 2 'more parse errors not shown \([0-9]+ in all\)' -- --frontend=clang "$tmp/binary.c"
[ "$(grep -c ': error: ' <<<"$out")" -le 11 ] && ok error-flood-short || bad "error-flood-short: $(grep -c ': error: ' <<<"$out") error lines"
check error-flood-auto 2 'could not be parsed' -- "$tmp/binary.c"
[ "$(wc -l <<<"$out")" -le 20 ] && ok error-flood-auto-short || bad "error-flood-auto-short: $(wc -l <<<"$out") lines"

# ---- 7. The baseline is checked before the analysis: a bad one costs no parse.
printf '#define A0 x\n' >"$tmp/slow.c"
for i in $(seq 1 29); do printf '#define A%d A%d+A%d+A%d+A%d\n' $i $((i-1)) $((i-1)) $((i-1)) $((i-1)) >>"$tmp/slow.c"; done
printf 'int f(int x) { return A29; }\n' >>"$tmp/slow.c"
start=$SECONDS
check baseline-first 2 'bad\.sarif' -- --timeout 60 "$tmp/slow.c" --baseline "$tmp/bad.sarif"
[ $((SECONDS - start)) -lt 10 ] && ok baseline-first-fast || bad "baseline-first-fast: took $((SECONDS - start))s"
check baseline-missing 2 'nope\.sarif' -- "$in/leak.c" --baseline "$tmp/nope.sarif"

# ---- 8. A relative "directory" is relative to the database.
mkdir -p "$tmp/rel/build" "$tmp/rel/src/include"
printf '#include "conn.h"\n#include <fcntl.h>\nint f(const char *p) {\n  int fd = open(p, 0);\n  if (fd < 0) return -1;\n  return CONN_OK;\n}\n' >"$tmp/rel/src/a.c"
printf '#define CONN_OK 0\n' >"$tmp/rel/src/include/conn.h"
printf '[{"directory": "../src", "file": "a.c", "arguments": ["cc", "-Iinclude", "-c", "a.c"]}]\n' >"$tmp/rel/build/compile_commands.json"
(cd / && check compdb-relative-dir 1 "$tmp/rel/src/a\.c:4:12: warning: .*connlint-fd-leak" -- -p "$tmp/rel/build")
grep -q "file not found" <<<"$out" && bad "compdb-relative-include: -Iinclude not found" "$out" || ok compdb-relative-include

# ---- 2. Limits: one unit running out ends with a note; the run goes on.
# The unit that ran out was not analyzed at all: exit 2, after the report.
check timeout-note 2 "slow\.c' took longer than the time limit \(2 s, --timeout\) to parse; skipped" -- --timeout 2 "$tmp/slow.c" "$in/leak.c"
grep -q 'leak\.c:5:12: warning' <<<"$out" && ok timeout-rest-analyzed || bad "timeout-rest-analyzed" "$out"
check timeout-bad 2 '--timeout takes seconds' -- --timeout soon "$in/leak.c"
check memory-limit-bad 2 '--memory-limit takes MiB' -- --memory-limit -5 "$in/leak.c"
# Parallel children: a slow unit does not hold up the others.
check timeout-parallel 2 'took longer than the time limit' -- -j2 --timeout 2 "$tmp/slow.c" "$in/leak.c" "$src/examples/http_fetch.c"

# ---- 1. Deep nesting: the parse survives, lowering gives up with a note.
/usr/bin/python3 -c 'print("int f(int x) {\n" + "if (x) " * 5400 + "return 1;\nreturn 0;\n}")' >"$tmp/deep.c"
check deep-ifs 0 'f\(\) nests statements or expressions more than 2000 levels deep; it was not analyzed' -- "$tmp/deep.c"
/usr/bin/python3 -c 'print("int f(int x) {\n" + "if (x) " * 1500 + "return 1;\nreturn 0;\n}")' >"$tmp/deep1500.c"
check deep-ifs-analyzed 0 '^no findings' -- "$tmp/deep1500.c"

# A fatal signal in connlint itself is exit 3 with a message, and its
# workers do not outlive it.
"$bin" --timeout 60 "$tmp/slow.c" >"$tmp/crash.out" 2>&1 &
pid=$!
sleep 1
workers=$(pgrep -P $pid | tr '\n' ' ')
kill -SEGV $pid
wait $pid
rc=$?
sleep 0.5
left=""
# (a zombie waiting for a reaper is gone for this purpose)
for w in $workers; do
  st=$(awk '{print $3}' "/proc/$w/stat" 2>/dev/null)
  [ -n "$st" ] && [ "$st" != Z ] && left="$left $w:$st"
done
if [ $rc -eq 3 ] && grep -q 'internal error: crashed' "$tmp/crash.out" && [ -z "$left" ]; then ok crash-exit-3
else bad "crash-exit-3: exit $rc, workers left:$left" "$(cat "$tmp/crash.out")"; fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
