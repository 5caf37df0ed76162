#!/bin/bash
# test_harness.sh - checks run_corpus.py itself, against a fake connlint.
#
# The fake reads `fake-report: RULE` comments in the analyzed files and writes
# a SARIF log with one result per comment, so the corpus below can contain a
# case that passes, one with a missing finding, one with an unexpected finding,
# a crash, a suppressed result, a folder case with compile_commands.json and a
# marker hidden in a string literal. The harness must pass and fail exactly
# those, say why, and count them in its JSON.
#
# Usage: test_harness.sh [path/to/run_corpus.py]
set -u
here=$(cd "$(dirname "$0")" && pwd)
harness=${1:-$here/run_corpus.py}
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

check() { # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi
}

# ---- the fake analyzer ------------------------------------------------------
cat >"$tmp/fake-connlint" <<'EOF'
#!/usr/bin/python3
import json, os, re, sys
args, files, out, srcroot, pdir = sys.argv[1:], [], None, os.getcwd(), None
i = 0
while i < len(args):
    a = args[i]
    if a == "--": break
    if a in ("-o", "--srcroot", "-p", "--format"):
        val = args[i + 1]
        if a == "-o": out = val
        elif a == "--srcroot": srcroot = val
        elif a == "-p": pdir = val
        i += 2
        continue
    if not a.startswith("--"):
        files.append(a)
    i += 1
if pdir:
    for e in json.load(open(os.path.join(pdir, "compile_commands.json"))):
        if not os.path.isabs(e["directory"]):
            print("fake: relative directory %r" % e["directory"], file=sys.stderr)
            sys.exit(2)
        files.append(os.path.join(e["directory"], e["file"]))
results = []
for f in files:
    for n, text in enumerate(open(f), 1):
        if "fake-crash" in text:
            print("fake: internal error: boom", file=sys.stderr)
            sys.exit(3)
        for kind, rule in re.findall(r"fake-(report|abs|suppressed): ([a-z-]+)", text):
            full = os.path.abspath(f)
            if kind == "abs":
                loc = {"uri": "file://" + full}
            else:
                loc = {"uri": os.path.relpath(full, srcroot), "uriBaseId": "%SRCROOT%"}
            r = {"ruleId": rule, "message": {"text": "x"},
                 "locations": [{"physicalLocation": {"artifactLocation": loc,
                                                     "region": {"startLine": n}}}]}
            if kind == "suppressed":
                r["suppressions"] = [{"kind": "inSource"}]
            results.append(r)
log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "fake"}}, "results": results,
       "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": []}]}]}
json.dump(log, open(out, "w"))
sys.exit(1 if any("suppressions" not in r for r in results) else 0)
EOF
chmod +x "$tmp/fake-connlint"

# ---- a tiny corpus ----------------------------------------------------------
c=$tmp/corpus
mkdir -p "$c/pack_a" "$c/pack_b" "$c/multi/folder_ok" "$c/semantics/alias"
cat >"$c/pack_a/pass_bad.c" <<'EOF'
/* A finding reported where it is expected. */
int f(void) {
  return 0; /* fake-report: connlint-fd-leak */ // expect: connlint-fd-leak
}
EOF
cat >"$c/pack_a/pass_good.c" <<'EOF'
/* No marker, no finding; a quoted marker is not a marker. */
const char *s = "// expect: connlint-fd-leak";
char q = '"'; /* a quote in a char literal must not start a string */
EOF
cat >"$c/pack_a/missing.c" <<'EOF'
/* Expected, never reported. */
int f(void) {
  return 0; // expect: connlint-fd-leak
}
EOF
cat >"$c/pack_b/unexpected.c" <<'EOF'
/* Reported, never expected. */
int g(void) {
  return 1; /* fake-report: connlint-curl-leak */
}
EOF
cat >"$c/pack_b/crash.c" <<'EOF'
/* fake-crash */
EOF
cat >"$c/pack_b/suppressed.c" <<'EOF'
/* A suppressed result does not count. */
int h(void) { return 2; } /* fake-suppressed: connlint-fd-leak */
EOF
cat >"$c/multi/folder_ok/a.c" <<'EOF'
/* Folder case: findings in two files, one relative and one absolute URI. */
int a(void) {
  return 0; /* fake-report: connlint-memory-leak */ /* expect: connlint-memory-leak */
}
EOF
cat >"$c/multi/folder_ok/b.c" <<'EOF'
/*
 * A marker inside a multi-line block comment counts on its own line; prose may follow it:
 * expect: connlint-pq-leak, connlint-lost-reference (fake-abs: connlint-pq-leak fake-abs: connlint-lost-reference)
 */
EOF
cat >"$c/multi/folder_ok/compile_commands.json" <<'EOF'
[{"directory": ".", "file": "a.c", "arguments": ["cc", "-c", "a.c"]},
 {"directory": ".", "file": "b.c", "arguments": ["cc", "-c", "b.c"]}]
EOF
cat >"$c/semantics/alias/copy.c" <<'EOF'
int x; /* fake-report: connlint-fd-leak */ // expect: connlint-fd-leak
EOF

# ---- runs -------------------------------------------------------------------
"$py" "$harness" --connlint "$tmp/fake-connlint" --corpus "$c" --json "$tmp/out.json" -j 2 \
  >"$tmp/out.txt" 2>&1
rc=$?
cat "$tmp/out.txt"
check "exit status 1 when cases fail" test "$rc" = 1
check "summary line" grep -qx "5 passed, 3 failed" "$tmp/out.txt"
check "missing finding named with expected and got" \
  grep -q "missing.c:3: expected connlint-fd-leak; got nothing" "$tmp/out.txt"
check "missing finding shows the source line" grep -q "3 |   return 0; // expect" "$tmp/out.txt"
check "unexpected finding named" \
  grep -q "unexpected.c:3: expected nothing; got connlint-curl-leak" "$tmp/out.txt"
check "crash fails with its stderr" grep -q "| fake: internal error: boom" "$tmp/out.txt"
check "crash names the exit code" grep -q "connlint exited with 3" "$tmp/out.txt"
check "passing cases not listed" bash -c "! grep -q 'FAIL pack_a/pass' '$tmp/out.txt'"
check "folder case passes" bash -c "! grep -q 'FAIL multi/folder_ok' '$tmp/out.txt'"

check "json tallies" "$py" - "$tmp/out.json" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
fd = j["by_rule"]["connlint-fd-leak"]
assert fd == {"tp": 2, "fp": 0, "fn": 1}, fd
assert j["by_rule"]["connlint-curl-leak"] == {"tp": 0, "fp": 1, "fn": 0}
assert j["by_pack"]["pack_a"]["failed"] == 1 and j["by_pack"]["pack_a"]["passed"] == 2
assert j["by_pack"]["multi"]["tp"] == 3, j["by_pack"]["multi"]
assert list(j["by_category"]) == ["alias"], j["by_category"]
assert j["summary"]["passed"] == 5 and j["summary"]["failed"] == 3
case = {c["id"]: c for c in j["cases"]}
assert case["pack_b/suppressed.c"]["suppressed"] == 1
assert case["multi/folder_ok"]["status"] == "pass"
EOF

"$py" "$harness" --connlint "$tmp/fake-connlint" --corpus "$c" --filter pack_a/pass >"$tmp/f.txt" 2>&1
rc=$?
check "filter selects passing cases, exit 0" test "$rc" = 0
check "filtered summary" grep -qx "2 passed, 0 failed" "$tmp/f.txt"

"$py" "$harness" --connlint "$tmp/nonexistent" --corpus "$c" >/dev/null 2>&1
check "missing binary is a usage error" test $? = 2

echo "$fails check(s) failed"
test "$fails" = 0
