#!/usr/bin/env bash
# End-to-end test of runtime confirmation on tests/confirm/, a small
# multi-file program whose test driver talks to a listener it opens on
# 127.0.0.1 and to temporary files. Builds it with `connlint cc`, checks
# that the instrumented build passes its tests unarmed, then that
# `connlint confirm --run` gives each finding the verdict its code deserves
# (text and SARIF, schema-valid), and that `--events` merges plain test runs.
# Usage: confirm.sh CONNLINT SOURCE_DIR
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; shift; for l in "$@"; do echo "    $l"; done; fail=$((fail + 1)); }

cp -r "$src/tests/confirm" "$tmp/app"
cd "$tmp/app" || exit 1
export TMPDIR=$tmp
export CONNLINT_CC_SOURCES="$(echo "$tmp"/app/*.c)"

# The instrumented build compiles and its tests pass with nothing armed.
if make -s CC="$bin cc gcc" >build.log 2>&1; then ok cc-build; else bad cc-build "$(cat build.log)"; fi
if nm test_app 2>/dev/null | grep -q connlint_rt_at; then ok cc-instrumented; else
  bad cc-instrumented "test_app has no connlint_rt_at: nothing was instrumented"
fi
if out=$(make -s check 2>&1) && grep -q '^6 passed, 0 failed$' <<<"$out"; then ok unarmed-tests-pass; else
  bad unarmed-tests-pass "$out"
fi
# The runtime stays silent on stdout/stderr while recording.
mkdir -p "$tmp/ev"
out=$(CONNLINT_RT_OUT="$tmp/ev" ./test_app 2>&1)
if [ "$out" = "6 passed, 0 failed" ] && ls "$tmp/ev"/rt-*.jsonl >/dev/null 2>&1; then ok rt-silent-records; else
  bad rt-silent-records "$out"
fi
# #line keeps the user's file and lines in debug information and messages.
lines=$(objdump --dwarf=decodedline store.o 2>/dev/null)
if grep -q "store.c" <<<"$lines" && ! grep -q "connlint-cc-" <<<"$lines"; then ok line-directives; else
  bad line-directives "store.o's line table names the instrumented copy, not store.c"
fi
printf '#include <stdlib.h>\n\nint leaky(int n) {\n  char *p = malloc(8);\n  int unused_var;\n  if (!p)\n    return -1;\n  if (n > 10)\n    return -2;\n  free(p);\n  return 0;\n}\n' >oops.c
out=$("$bin" cc gcc -Wall -c oops.c -o oops.o 2>&1)
if grep -q "^oops.c:5:7: warning: unused variable .unused_var" <<<"$out" && nm oops.o | grep -q connlint_rt_at; then
  ok diagnostics-user-lines
else
  bad diagnostics-user-lines "$out"
fi
rm -f oops.c oops.o

# Verdicts, per finding, with each plan armed in turn (2 runs at a time).
"$bin" confirm --run "make -s check" --timeout 60 --confirm-dir "$tmp/runs" -j 2 \
  --format sarif -o "$tmp/out.sarif" ./*.c >confirm.log 2>&1
rc=$?
[ $rc -eq 1 ] && ok confirm-exit || bad confirm-exit "exit $rc, expected 1 (findings)" "$(cat confirm.log)"
verdicts=$(/usr/bin/python3 - "$tmp/out.sarif" <<'EOF'
import json, sys
log = json.load(open(sys.argv[1]))
for r in log["runs"][0]["results"]:
    loc = r["locations"][0]["physicalLocation"]
    name = loc["artifactLocation"]["uri"].rsplit("/", 1)[-1]
    props = r.get("properties", {})
    print(f'{name}:{loc["region"]["startLine"]} {props.get("confirmation", "-")} '
          f'{"evidence" if props.get("confirmationEvidence") else "no-evidence"}')
EOF
)
expect="client.c:13 confirmed evidence
store.c:15 confirmed evidence
store.c:33 not-confirmed evidence
store.c:52 confirmed evidence
store.c:65 not-reached evidence"
if [ "$verdicts" = "$expect" ]; then ok sarif-verdicts; else bad sarif-verdicts "got:" "$verdicts" "want:" "$expect"; fi
if /usr/bin/python3 "$src/tests/validate_sarif.py" "$tmp/out.sarif" >/dev/null 2>&1; then ok sarif-valid; else
  bad sarif-valid "$(/usr/bin/python3 "$src/tests/validate_sarif.py" "$tmp/out.sarif" 2>&1 | head -5)"
fi
# Each run wrote into its own directory.
n=$(ls -d "$tmp"/runs/run-* 2>/dev/null | wc -l)
[ "$n" -eq 5 ] && ok run-dirs || bad run-dirs "$n run directories, expected 5"

# Text: a note per finding with the verdict and its evidence.
"$bin" confirm --run "make -s check" --timeout 60 ./*.c >text.log 2>&1
if grep -q "client.c:13:12: note: confirmed at run time: run 1 .*fault injected: send() at line 22" text.log &&
  grep -q "store.c:52:3: note: confirmed at run time: .*mutex lock locked at store.c:52 was still held" text.log &&
  grep -q "store.c:65:16: note: not-reached at run time" text.log &&
  grep -q "store.c:33:12: note: not-confirmed at run time" text.log; then ok text-notes; else
  bad text-notes "$(grep 'run time' text.log)"
fi

# A run that hangs is stopped at its timeout.
"$bin" confirm --run "sleep 30" --timeout 1 --confirm-dir "$tmp/slow" ./store.c -- >slow.log 2>&1
if grep -q "timed out after 1s" slow.log; then ok timeout; else bad timeout "$(cat slow.log)"; fi

# Plain test runs record; --events merges them without fault injection:
# no send() fails there, so the socket leak is not seen, but it was reached.
"$bin" confirm --events "$tmp/ev" --format sarif -o "$tmp/ev.sarif" ./*.c >/dev/null 2>&1
got=$(/usr/bin/python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["runs"][0]["results"]:
    print(r["locations"][0]["physicalLocation"]["region"]["startLine"], r["properties"]["confirmation"])
' "$tmp/ev.sarif" | tr '\n' ' ')
if [ "$got" = "13 not-confirmed 15 not-confirmed 33 not-confirmed 52 not-confirmed 65 not-reached " ]; then
  ok events-merge
else
  bad events-merge "$got"
fi

# Built without CONNLINT_CC_SOURCES, client.c alone does not know that
# net_connect() returns a socket: its finding is not instrumented, and the
# verdict says so instead of blaming the tests.
cp -r "$src/tests/confirm" "$tmp/alone"
(cd "$tmp/alone" && unset CONNLINT_CC_SOURCES && make -s CC="$bin cc gcc" >/dev/null 2>&1)
out=$(cd "$tmp/alone" && "$bin" confirm --run "make -s check" --timeout 60 ./*.c 2>&1)
if grep -q "client.c:13:12: note: not-reached at run time: .*no process ran code instrumented for it" <<<"$out" &&
  grep -q "store.c:52:3: note: confirmed at run time" <<<"$out"; then ok uninstrumented-said; else
  bad uninstrumented-said "$(grep 'run time' <<<"$out")"
fi

# CMake's launchers, with compile_commands.json for -p; depfiles name the
# real sources, not the deleted instrumented copies.
if command -v cmake >/dev/null; then
  mkdir "$tmp/cm" && cp "$src"/tests/confirm/*.[ch] "$tmp/cm/"
  printf 'cmake_minimum_required(VERSION 3.21)\nproject(app C)\nadd_executable(test_app netio.c client.c store.c test_main.c)\ntarget_link_libraries(test_app pthread)\n' >"$tmp/cm/CMakeLists.txt"
  (
    cd "$tmp/cm" && export CONNLINT_CC_SOURCES="$(echo "$tmp"/cm/*.c)" &&
      cmake -S . -B b -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_C_COMPILER_LAUNCHER="$bin;cc" \
        -DCMAKE_C_LINKER_LAUNCHER="$bin;cc" >/dev/null && cmake --build b >/dev/null 2>&1
  )
  deps=$(cat "$tmp"/cm/b/CMakeFiles/test_app.dir/*.d 2>/dev/null)
  out=$(cd "$tmp/cm/b" && "$bin" confirm --run ./test_app --timeout 60 -p . 2>&1)
  if grep -q "store.c" <<<"$deps" && ! grep -q "connlint-cc-" <<<"$deps" &&
    [ "$(grep -c 'note: confirmed at run time' <<<"$out")" -eq 3 ]; then ok cmake-launcher; else
    bad cmake-launcher "$(grep 'run time' <<<"$out")" "$(grep -h connlint-cc- <<<"$deps" | head -2)"
  fi
fi

# The runtime is thread-safe: 4 threads acquiring and releasing at one
# instrumented site lose no count and mix no event line.
mkdir "$tmp/thr" && cat >"$tmp/thr/thr.c" <<'EOF2'
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

int fill(int n) {
  char *p = malloc(64);
  if (p == NULL)
    return -1;
  memset(p, n, 64);
  if (n < 0)
    return -1;
  free(p);
  return 0;
}

static void *work(void *arg) {
  for (int i = 0; i < 1000; i++)
    fill(i % 7);
  return arg;
}

int main(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  return 0;
}
EOF2
(cd "$tmp/thr" && "$bin" cc gcc -O1 -o thr thr.c -lpthread && mkdir ev && CONNLINT_RT_OUT="$tmp/thr/ev" ./thr)
out=$(cd "$tmp/thr" && "$bin" confirm --events ev thr.c 2>&1)
if grep -q 'note: not-confirmed at run time: .*acquired 4000 times' <<<"$out" &&
  /usr/bin/python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$tmp"/thr/ev/*.jsonl; then
  ok threads
else
  bad threads "$(grep 'run time' <<<"$out")"
fi

# Usage errors.
out=$("$bin" confirm ./client.c 2>&1)
[ $? -eq 2 ] && grep -q "give --run CMD" <<<"$out" && ok confirm-usage || bad confirm-usage "$out"
out=$("$bin" confirm --events "$tmp/nonexistent" ./client.c 2>&1)
[ $? -eq 2 ] && grep -q "cannot read events directory" <<<"$out" && ok events-missing || bad events-missing "$out"
# Pass-through: preprocessing is untouched.
if "$bin" cc gcc -E netio.c -o pre.i && ! grep -q connlint_rt pre.i; then ok cc-passthrough; else
  bad cc-passthrough "-E output was instrumented"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
