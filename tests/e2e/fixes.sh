#!/usr/bin/env bash
# Suggested fixes end to end: fix-it notes in text output, SARIF `fixes`
# valid against the schema, and --fix-diff equal to the golden diff, which a
# real `git apply` accepts; the patched file compiles, the fixed leaks are
# gone, nothing new appears, and connlint itself changed no file. Usage:
#   fixes.sh CONNLINT SOURCE_DIR
set -u
bin=$1
src=$2
in=$src/tests/e2e/inputs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

mkdir "$tmp/repo"
cp "$in/fixes.c" "$tmp/repo/"
cd "$tmp/repo" || exit 1
git init -q . && git add fixes.c &&
  git -c user.email=t@example.com -c user.name=t commit -qm base || { bad git-init; exit 1; }
before=$(sha256sum fixes.c)

"$bin" fixes.c >"$tmp/text.txt" 2>&1
[ $? -eq 1 ] && ok text-exit || bad "text-exit"
n=$(grep -c 'note: fix-it:' "$tmp/text.txt")
[ "$n" -eq 3 ] && ok "text-fixit-notes" || bad "text-fixit-notes: $n, expected 3"
grep -q "fixes.c:19:5: note: fix-it: insert 'close(fd);' before the return at line 19" "$tmp/text.txt" &&
  ok text-fixit-return || bad text-fixit-return
grep -q "fixes.c:41:34: note: fix-it: insert 'fclose(fp);' before the goto at line 41" "$tmp/text.txt" &&
  ok text-fixit-goto || bad text-fixit-goto

"$bin" --format sarif -o "$tmp/out.sarif" fixes.c >/dev/null 2>&1
if /usr/bin/python3 "$src/tests/validate_sarif.py" "$tmp/out.sarif" >/dev/null 2>&1; then
  ok sarif-valid
else
  bad sarif-valid
fi
nf=$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
print(sum(len(r.get("fixes", [])) for r in d["runs"][0]["results"]))' "$tmp/out.sarif")
[ "$nf" = 3 ] && ok sarif-fixes || bad "sarif-fixes: $nf, expected 3"

"$bin" --fix-diff fixes.c >"$tmp/fix.diff" 2>"$tmp/fix.err"
rc=$?
[ $rc -eq 1 ] && ok diff-exit || bad "diff-exit: $rc"
if diff -u "$in/fixes.diff" "$tmp/fix.diff" >"$tmp/dd"; then ok diff-golden; else
  bad diff-golden; sed 's/^/    /' "$tmp/dd" | head -30; fi
[ "$(sha256sum fixes.c)" = "$before" ] && ok files-untouched || bad files-untouched
if git apply --check "$tmp/fix.diff" && git apply "$tmp/fix.diff"; then ok git-apply; else bad git-apply; fi
clang-19 -fsyntax-only -Wall -Werror fixes.c 2>"$tmp/cc" && ok patched-compiles ||
  { bad patched-compiles; head -5 "$tmp/cc"; }
"$bin" fixes.c >"$tmp/after.txt" 2>&1
left=$(grep -c 'warning:' "$tmp/after.txt")
[ "$left" -eq 4 ] && ok fixed-leaks-gone || bad "fixed-leaks-gone: $left findings left, expected 4"
grep -q 'double-release\|mismatched-release' "$tmp/after.txt" && bad no-new-findings || ok no-new-findings
# Applying the diff again is refused: the fixes are not applied twice.
git apply --check "$tmp/fix.diff" 2>/dev/null && bad diff-not-reapplied || ok diff-not-reapplied

echo "fixes: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
