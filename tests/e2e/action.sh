#!/usr/bin/env bash
# The GitHub Action (action.yml) run outside GitHub by action_steps.py: its
# shell steps run as GitHub runs them; the steps that need GitHub
# (actions/cache, upload-sarif) are only listed. apt-get and sudo are
# stand-ins that record the packages asked for (each must be a package apt
# knows); `cmake --build` copies the connlint under test instead of
# compiling it again (the configure step is real). Checks: the SARIF log
# (schema, category, end columns, suppressed results left out on request),
# the exit codes, the build cache hit, and the example workflow's pin.
# Usage: action.sh CONNLINT SOURCE_DIR
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
python3 -c 'import yaml' 2>/dev/null || {
  echo "skip: python3-yaml is not installed"
  exit 0
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

stubs=$tmp/stubs
mkdir -p "$stubs"
cat >"$stubs/sudo" <<'EOF'
#!/bin/sh
exec "$@"
EOF
cat >"$stubs/apt-get" <<EOF
#!/bin/sh
echo "apt-get \$*" >>"$tmp/apt.log"
EOF
real_cmake=$(command -v cmake)
cat >"$stubs/cmake" <<EOF
#!/bin/sh
echo "cmake \$*" >>"$tmp/cmake.log"
if [ "\$1" = --build ]; then cp "$bin" "\$2/connlint"; exit 0; fi
exec "$real_cmake" "\$@"
EOF
chmod +x "$stubs"/*
export PATH=$stubs:$PATH

ws=$tmp/ws
rt=$tmp/runner
mkdir -p "$ws/build" "$rt"
cat >"$ws/net.c" <<'EOF'
/* Connection helper. */
#include <sys/socket.h>
int conn_open(const char *host) {
  (void)host;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  return fd;
}
EOF
cat >"$ws/app.c" <<'EOF'
/* A client leaking the helper's socket, and a reviewed leak. */
#include <stdio.h>
#include <unistd.h>
int conn_open(const char *host);

int fetch(const char *host, int len) {
  int fd = conn_open(host);
  if (fd < 0) return -1;
  if (len > 512) return -1;
  close(fd);
  return 0;
}

FILE *log_open(const char *path) {
  FILE *f = fopen(path, "a"); // connlint: ignore[connlint-file-leak] closed at exit
  if (!f) return NULL;
  if (fputs("start\n", f) < 0) return NULL;
  return f;
}
EOF
python3 - "$ws" <<'PY'
import json, sys
d = sys.argv[1]
json.dump([{"directory": d, "file": f, "arguments": ["cc", "-c", f]} for f in ("net.c", "app.c")],
          open(d + "/build/compile_commands.json", "w"))
PY

run_action() { # run_action NAME INPUT=VALUE...: output in $tmp/NAME.log, status in $rc
  local name=$1
  shift
  python3 "$src/tests/e2e/action_steps.py" "$src/action.yml" "$ws" "$rt" "$@" >"$tmp/$name.log" 2>&1
  rc=$?
}
sarif_check() { # sarif_check FILE PYTHON-EXPR: the expression over `log` holds
  python3 - "$1" "$2" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
run = log["runs"][0]
results = run["results"]
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
}

# 1. The full action with a compile database: cold build, findings, upload
# listed, failure on findings requested.
run_action db compile-commands=build category=ci-debug llvm-version=19 fail-on-findings=true
if [ "$rc" = 1 ] && grep -q 'step Fail on findings: exit 1' "$tmp/db.log"; then
  ok "compile database run: findings fail the job after the upload step"
else
  bad "compile database run: exit $rc"
  sed 's/^/    | /' "$tmp/db.log" | tail -15
fi
grep -q 'step Upload to code scanning: needs GitHub.*upload-sarif.*category.: .ci-debug.' "$tmp/db.log" &&
  ok "upload-sarif gets the category" || bad "upload step: $(grep Upload "$tmp/db.log")"
grep -q "step Restore the connlint build: needs GitHub.*'path': '$rt/connlint-build'" "$tmp/db.log" &&
  ok "the build is cached under the runner's temp directory" || bad "cache step: $(grep Restore "$tmp/db.log" | head -1)"
pkgs=$(grep -o 'install .*' "$tmp/apt.log" | tr ' ' '\n' | grep -v '^-' | grep -v '^install$')
unknown=""
for p in $pkgs; do apt-cache show "$p" >/dev/null 2>&1 || unknown="$unknown $p"; done
[ -n "$pkgs" ] && [ -z "$unknown" ] && ok "dependencies installed: $(echo $pkgs)" ||
  bad "dependencies: asked for '$(echo $pkgs)', unknown to apt:$unknown"
grep -q "^cmake -S $src -B $rt/connlint-build" "$tmp/cmake.log" && ok "connlint configured from the action's checkout" ||
  bad "configure: $(cat "$tmp/cmake.log")"
s=$ws/connlint.sarif
if [ -f "$s" ] && python3 "$src/tests/validate_sarif.py" "$s" >/dev/null 2>&1; then
  ok "SARIF log written and schema-valid"
else
  bad "SARIF log missing or invalid: $(python3 "$src/tests/validate_sarif.py" "$s" 2>&1 | tail -3)"
fi
if command -v npm >/dev/null; then
  "$src/tests/sarif_multitool.sh" "$s" >"$tmp/multitool.log" 2>&1 && ok "SARIF log passes the multitool's GitHub rules" ||
    bad "multitool: $(tail -5 "$tmp/multitool.log")"
fi
sarif_check "$s" 'run["automationDetails"]["id"] == "ci-debug/"' && ok "automationDetails.id from the category" ||
  bad "automationDetails: $(grep -A2 automationDetails "$s")"
sarif_check "$s" 'any(r["locations"][0]["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 12, "endLine": 7, "endColumn": 27} for r in results)' &&
  ok "results carry end line and column (conn_open(host) at 7:12-27)" || bad "regions: $(grep -A5 '"region"' "$s" | head -8)"
sarif_check "$s" 'len(results) == 2 and any("suppressions" in r for r in results)' &&
  ok "the suppressed finding is marked" || bad "suppressed finding not marked"

# 2. Cache hit: the build is not configured again; files instead of a
# database; suppressed results left out.
: >"$tmp/cmake.log"
mkdir -p "$ws/out"
run_action files files="app.c net.c" install-dependencies=false upload=false \
  args=--sarif-omit-suppressed sarif-file=out/files.sarif
if [ "$rc" = 0 ] && grep -q 'from the cache' "$tmp/files.log" && [ ! -s "$tmp/cmake.log" ] &&
  grep -q 'step Install dependencies: skipped' "$tmp/files.log"; then
  ok "second run: connlint from the build cache, no dependencies installed"
else
  bad "cache hit: exit $rc, cmake: $(cat "$tmp/cmake.log")"
  sed 's/^/    | /' "$tmp/files.log" | tail -8
fi
sarif_check "$ws/out/files.sarif" 'len(results) == 1 and "suppressions" not in results[0] and run["automationDetails"]["id"] == "connlint/"' &&
  ok "files mode, suppressed result left out, default category" || bad "files mode log: $(head -c 300 "$ws/out/files.sarif")"
grep -q "exit-code.: .1." "$tmp/files.log" && ok "exit-code output is 1 (findings) without failing" ||
  bad "exit-code output: $(grep 'Run connlint' "$tmp/files.log")"

# 3. Nothing to analyze is a usage error.
run_action none install-dependencies=false upload=false
[ "$rc" = 2 ] && grep -q '::error::connlint: set the compile-commands or the files input' "$tmp/none.log" &&
  ok "no input: exit 2 with an error annotation" || bad "no input: exit $rc"

# The example workflow uses the action pinned to the release tag.
version=$(sed -n 's/^project(connlint VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
grep -Eq "uses: connlint/connlint@v$version\$" "$src/integrations/github/connlint.yml" &&
  ok "example workflow pins the action to v$version" || bad "example workflow does not pin connlint/connlint@v$version"
python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$src/integrations/github/connlint.yml" &&
  ok "example workflow is YAML" || bad "example workflow does not parse"

echo "action: $pass passed, $fail failed"
[ "$fail" = 0 ]
