#!/usr/bin/env bash
# The editor integrations read connlint's real output: Vim's compiler file
# puts findings and path notes in the quickfix list; the VS Code tasks file
# is valid JSON using the $gcc matcher. Usage: editors.sh CONNLINT SOURCE_DIR
set -u
bin=$1
src=$2
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if command -v vim >/dev/null; then
  mkdir -p "$tmp/bin" && ln -s "$bin" "$tmp/bin/connlint"
  (cd "$src" && PATH="$tmp/bin:$PATH" timeout 60 vim -N -u NONE -i NONE -es \
    --cmd "set rtp^=$src/integrations/editors/vim" -c 'compiler connlint' \
    -c 'silent make tests/e2e/inputs/leak.c' \
    -c "call writefile(map(getqflist(), {_, e -> bufname(e.bufnr) . ':' . e.lnum . ':' . e.type . ':' . e.text}), '$tmp/qf.txt')" \
    -c 'qa!' </dev/null >/dev/null 2>&1)
  if grep -q '^tests/e2e/inputs/leak.c:5:w:.*\[connlint-fd-leak\]' "$tmp/qf.txt" 2>/dev/null &&
    grep -q '^tests/e2e/inputs/leak.c:9:n:taking the early return' "$tmp/qf.txt"; then
    echo "ok   vim-quickfix"; pass=$((pass + 1))
  else
    echo "FAIL vim-quickfix:"; cat "$tmp/qf.txt" 2>/dev/null | sed 's/^/    /'; fail=$((fail + 1))
  fi
else
  echo "skip vim-quickfix: vim is not installed"
fi

if /usr/bin/python3 -c 'import json, sys
t = json.load(open(sys.argv[1]))
assert t["tasks"] and all(task["problemMatcher"]["base"] == "$gcc" for task in t["tasks"])' \
  "$src/integrations/editors/vscode/tasks.json"; then
  echo "ok   vscode-tasks"; pass=$((pass + 1))
else
  echo "FAIL vscode-tasks"; fail=$((fail + 1))
fi

echo "editors: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
