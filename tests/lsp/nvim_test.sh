#!/usr/bin/env bash
# Runs nvim_test.lua in Debian's neovim, headless, against a copy of the
# test project with a compile database. Usage: nvim_test.sh CONNLINT SOURCE_DIR
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$src/tests/lsp/project" "$tmp/proj"
mkdir "$tmp/proj/build"
printf '[{"directory":"%s","file":"%s/net.c","arguments":["cc","-c","net.c"]},{"directory":"%s","file":"%s/server.c","arguments":["cc","-c","server.c"]}]\n' \
  "$tmp/proj" "$tmp/proj" "$tmp/proj" "$tmp/proj" >"$tmp/proj/build/compile_commands.json"
export CONNLINT=$bin FILE=$tmp/proj/server.c RESULT=$tmp/result HOME=$tmp XDG_STATE_HOME=$tmp XDG_DATA_HOME=$tmp
timeout 60 nvim --headless -u NONE -i NONE -n -c "luafile $src/tests/lsp/nvim_test.lua" >/dev/null 2>&1
rc=$?
res=$(cat "$tmp/result" 2>/dev/null)
if [ "$res" = ok ]; then
  echo "ok   neovim: vim.diagnostic.get shows the leak from the unsaved buffer"
  exit 0
fi
echo "FAIL neovim (exit $rc): ${res:-no result}"
exit 1
