#!/usr/bin/env bash
# connlint's pre-commit hooks under Debian's real pre-commit, in a scratch
# git repository: a 15-file commit whose only leak needs two of its files
# (a helper returning a socket, a caller leaking it) is blocked; the fixed
# commit passes; a later commit touching only the caller is blocked again,
# the helper's summary coming from the cache; a new file not yet in the
# compilation database and a header do not make the hook fail.
# Usage: precommit.sh CONNLINT SOURCE_DIR. Skipped when pre-commit is absent.
set -u
bin=$1
src=$2
command -v pre-commit >/dev/null || {
  echo "skip: pre-commit is not installed"
  exit 0
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

export PRE_COMMIT_HOME=$tmp/pre-commit-home
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
mkdir -p "$tmp/bin"
ln -s "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$tmp/bin/connlint"
export PATH=$tmp/bin:$PATH

# The hook repository: this checkout's hook definitions, at the release tag
# the documentation names.
version=$(sed -n 's/^project(connlint VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
rev=$(sed -n 's/^ *rev: *\(v[0-9.]*\).*/\1/p' "$src/integrations/pre-commit/README.md" | head -1)
[ "$rev" = "v$version" ] && ok "documented rev $rev is the release tag of version $version" ||
  bad "documented rev '$rev' is not v$version"
hooks=$tmp/hooks
mkdir -p "$hooks"
cp "$src/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init -q
git -C "$hooks" add .
git -C "$hooks" commit -qm hooks
git -C "$hooks" tag "$rev"

p=$tmp/project
mkdir -p "$p/build"
git -C "$tmp" init -q project
cat >"$p/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: connlint-compdb
EOF
cat >"$p/net.c" <<'EOF'
/* Connection helpers. */
#include <sys/socket.h>
#include <unistd.h>

int conn_open(const char *host) {
  (void)host;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  return fd;
}
EOF
leaky_app() {
  cat >"$p/app.c" <<'EOF'
/* A client: the socket leaks when the request is too long. */
#include <unistd.h>
int conn_open(const char *host);

int fetch(const char *host, int len) {
  int fd = conn_open(host);
  if (fd < 0) return -1;
  if (len > 512) return -1;
  close(fd);
  return 0;
}
EOF
}
leaky_app
for i in $(seq -w 1 13); do
  cat >"$p/part$i.c" <<EOF
/* Part $i of the program. */
int part$i(int x) { return x * $((10#$i)); }
EOF
done
python3 - "$p" <<'PY'
import glob, json, os, sys
d = sys.argv[1]
files = sorted(os.path.basename(f) for f in glob.glob(d + "/*.c"))
json.dump([{"directory": d, "file": f, "arguments": ["cc", "-c", f]} for f in files],
          open(d + "/build/compile_commands.json", "w"))
PY
printf 'build/.connlint-cache/\n' >"$p/.gitignore"
(cd "$p" && pre-commit install >/dev/null) || bad "pre-commit install"

commit() { # commit MESSAGE FILE...: stages the files and commits; output in $out
  local msg=$1
  shift
  (cd "$p" && git add "$@" && git commit -m "$msg") >"$tmp/out" 2>&1
  rc=$?
  out=$(cat "$tmp/out")
}

commit "add the program" .
n=$(cd "$p" && git diff --cached --name-only -- '*.c' | wc -l)
if [ "$rc" != 0 ] && grep -q "app\.c:6:[0-9]*: warning: socket returned by conn_open() .*\[connlint-fd-leak\]" <<<"$out"; then
  ok "15-file commit with a cross-file leak is blocked ($n .c files staged)"
else
  bad "15-file commit: rc $rc"
  echo "$out" | tail -15 | sed 's/^/    | /'
fi

# The plain hook (files and default flags, no database) sees all 15 files in
# one run too: require_serial keeps pre-commit from splitting them.
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: connlint\n' "$hooks" "$rev" >"$tmp/plain.yaml"
plain=$(cd "$p" && pre-commit run -c "$tmp/plain.yaml" --files *.c 2>&1)
rc=$?
if [ "$rc" != 0 ] && grep -q "app\.c:6:[0-9]*: warning: socket returned by conn_open()" <<<"$plain"; then
  ok "plain hook on 15 files finds the cross-file leak"
else
  bad "plain hook: rc $rc"
  echo "$plain" | tail -8 | sed 's/^/    | /'
fi

sed -i 's/  if (len > 512) return -1;/  if (len > 512) {\n    close(fd);\n    return -1;\n  }/' "$p/app.c"
commit "add the program, fixed" .
[ "$rc" = 0 ] && ok "the fixed commit passes" || {
  bad "fixed commit: rc $rc"
  echo "$out" | tail -15 | sed 's/^/    | /'
}

# Only the caller changes: net.c is not in the commit, its summary comes
# from the cache that the last run left in build/.
leaky_app
commit "app: shortcut" app.c
files=$(cd "$p" && git status --porcelain | wc -l)
if [ "$rc" != 0 ] && grep -q "app\.c:6:[0-9]*: warning: socket returned by conn_open()" <<<"$out"; then
  ok "a commit touching only the caller is blocked through the cached helper"
else
  bad "caller-only commit: rc $rc"
  echo "$out" | tail -15 | sed 's/^/    | /'
fi
# Control: without the cache, app.c alone says nothing (conn_open is unknown).
ctl=$(cd "$p" && connlint -p build --no-cache app.c 2>&1)
grep -q 'warning:' <<<"$ctl" && bad "control: app.c alone without context found the leak" ||
  ok "control: without whole-program context app.c alone shows nothing"
git -C "$p" checkout -q HEAD -- app.c

# A new file not yet in the database, and a header: the hook passes, with a
# note for the new file.
cat >"$p/extra.c" <<'EOF'
/* A file added after the database was generated. */
int extra(int x) { return x + 1; }
EOF
printf '/* Shared declarations. */\nint conn_open(const char *host);\n' >"$p/net.h"
commit "extra file and header" extra.c net.h
[ "$rc" = 0 ] && ok "new file and header commit passes" || {
  bad "new file and header: rc $rc"
  echo "$out" | tail -15 | sed 's/^/    | /'
}
note=$(cd "$p" && connlint -p build --allow-unlisted extra.c 2>&1)
grep -q 'extra\.c is not in .*compile_commands\.json yet; analyzed with default flags' <<<"$note" &&
  ok "unlisted file gets a note" || bad "unlisted note: $note"
# A context unit that does not parse is not the named file's problem.
printf 'int broken(void) { return ; ]\n' >"$p/part13.c"
quiet=$(cd "$p" && connlint -p build net.c 2>&1)
rc=$?
[ "$rc" = 0 ] && ! grep -q part13 <<<"$quiet" && ok "context units' parse errors stay out of a named file's report" ||
  bad "context parse error leaked into the report (rc $rc): $quiet"

echo "precommit: $pass passed, $fail failed"
[ "$fail" = 0 ]
