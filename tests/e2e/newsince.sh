#!/usr/bin/env bash
# Pull requests and legacy code: --new-since REV in a scratch git
# repository (old leaks stay quiet, a new leak through an unchanged helper in
# another file is reported, a deleted close() counts), --enable/--disable
# globs on the command line and in .connlint, and the progress display (on
# a terminal only, made with script(1)). Usage: newsince.sh CONNLINT SRC
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
# expect NAME RC PATTERN [!PATTERN] -- ARGS: run in the repository
expect() {
  local name=$1 want=$2 pat=$3 notpat=$4
  shift 5
  out=$(cd "$r" && "$bin" "$@" 2>&1)
  local rc=$?
  if [ "$rc" != "$want" ]; then
    bad "$name: exit $rc, expected $want"
    echo "$out" | head -8 | sed 's/^/    | /'
  elif [ -n "$pat" ] && ! grep -Eq -- "$pat" <<<"$out"; then
    bad "$name: no /$pat/"
    echo "$out" | head -8 | sed 's/^/    | /'
  elif [ -n "$notpat" ] && grep -Eq -- "$notpat" <<<"$out"; then
    bad "$name: unexpected /$notpat/"
    echo "$out" | head -8 | sed 's/^/    | /'
  else
    ok "$name"
  fi
}
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t
export GIT_COMMITTER_EMAIL=t@example.org GIT_CONFIG_NOSYSTEM=1

r=$tmp/repo
mkdir -p "$r"
git -C "$r" init -q
cat >"$r/net.c" <<'EOF'
/* Connection helper. */
#include <sys/socket.h>
int conn_open(const char *host) {
  (void)host;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  return fd;
}
EOF
cat >"$r/app.c" <<'EOF'
/* Old code with an old leak, and a correct function. */
#include <stdio.h>
#include <unistd.h>
int conn_open(const char *host);

int legacy(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  if (fgetc(f) == EOF) return -1;
  fclose(f);
  return 0;
}

int ping(const char *host) {
  int fd = conn_open(host);
  if (fd < 0) return -1;
  close(fd);
  return 0;
}
EOF
git -C "$r" add . && git -C "$r" commit -qm base
base=$(git -C "$r" rev-parse HEAD)

expect all-findings 1 'app\.c:7:.*connlint-file-leak' '' -- net.c app.c
expect nothing-changed 0 '' 'warning:' -- --new-since HEAD net.c app.c

# A new function leaking a socket from the unchanged helper in net.c.
cat >>"$r/app.c" <<'EOF'

int fetch(const char *host, int len) {
  int fd = conn_open(host);
  if (fd < 0) return -1;
  if (len > 512) return -1;
  close(fd);
  return 0;
}
EOF
expect new-leak 1 'app\.c:22:[0-9]+: warning: socket returned by conn_open\(\)' 'app\.c:7:' -- --new-since "$base" net.c app.c
expect new-leak-count 1 '1 finding' '' -- --new-since HEAD net.c app.c
git -C "$r" commit -qam "add fetch"
expect committed-range 1 'app\.c:22:' 'app\.c:7:' -- --new-since "$base" net.c app.c
expect since-head 0 '' 'warning:' -- --new-since HEAD net.c app.c

# Deleting a close() makes the leak new, though no line of it was added.
sed -i '/^  close(fd);$/{x;s/^/x/;/^x$/{x;d};x}' "$r/app.c" # the first close(fd): ping's
expect deleted-close 1 'app\.c:15:[0-9]+: warning: socket returned by conn_open\(\) .* ping\(\)' 'app\.c:22:' -- --new-since HEAD net.c app.c
git -C "$r" checkout -q app.c

expect bad-rev 2 "'nope' is not a git revision" '' -- --new-since nope net.c app.c
mkdir -p "$tmp/plain"
cp "$r/net.c" "$tmp/plain/"
out=$(cd "$tmp/plain" && "$bin" --new-since HEAD net.c 2>&1)
rc=$?
[ "$rc" = 2 ] && grep -q 'not inside a git repository' <<<"$out" && ok "not a repository: exit 2" ||
  bad "not a repository: exit $rc: $out"

# --enable / --disable, globs, .connlint keys.
expect disable-glob 1 'connlint-fd-leak' 'connlint-file-leak' -- --disable 'connlint-file-*' net.c app.c
expect enable-list 1 'connlint-file-leak' 'connlint-fd-leak' -- --enable connlint-file-leak,connlint-double-release net.c app.c
expect disable-all 0 '' 'warning:' -- --enable 'connlint-*-leak' --disable 'connlint-f*-leak' net.c app.c
expect enable-typo 2 "'connlint-fd-leek' matches no rule id" '' -- --enable connlint-fd-leek net.c app.c
printf 'disable = connlint-fd-leak  # noisy here\n' >"$r/.connlint"
expect config-disable 1 'connlint-file-leak' 'connlint-fd-leak' -- net.c app.c
printf 'enable = connlint-fd-*\n' >"$r/.connlint"
expect config-enable 1 'connlint-fd-leak' 'connlint-file-leak' -- net.c app.c
printf 'enable = connlint-fd-*\ndisable = connlint-fd-leak\n' >"$r/.connlint"
expect config-both 0 '' 'warning:' -- net.c app.c
rm "$r/.connlint"

# Progress: "[2/2] app.c" on a terminal's stderr; never in a pipe or a file,
# nor with --quiet.
if command -v script >/dev/null; then
  tty=$(cd "$r" && script -qec "$bin --no-cache net.c app.c -o /dev/null" /dev/null 2>&1)
  grep -Eq '\[[12]/2\] (net|app)\.c' <<<"$tty" && ok "progress on a terminal" || bad "no progress on a terminal: $tty"
  tty=$(cd "$r" && script -qec "$bin --quiet net.c app.c -o /dev/null" /dev/null 2>&1)
  grep -q '\[1/2\]' <<<"$tty" && bad "progress with --quiet: $tty" || ok "no progress with --quiet"
  out=$(cd "$r" && "$bin" net.c app.c 2>&1 >/dev/null)
  grep -q '\[1/2\]' <<<"$out" && bad "progress in a pipe" || ok "no progress when stderr is not a terminal"
else
  echo "skip: script(1) is not installed"
fi

echo "newsince: $pass passed, $fail failed"
[ "$fail" = 0 ]
