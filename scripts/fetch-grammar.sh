#!/bin/sh
# Fetches tree-sitter's C grammar into DIR (the build tree): the npm
# package tree-sitter-c, pinned to the last release generated for grammar
# ABI 14, which Debian 12's libtree-sitter 0.20.7 reads (0.24 needs ABI 15).
# npm verifies the package's integrity. The generated sources are never
# committed; CMake runs this when DIR has none.
#
#   scripts/fetch-grammar.sh DIR
set -eu
dir=${1:?usage: fetch-grammar.sh DIR}
version=0.23.6
stamp="$dir/.version"
if [ -f "$dir/src/parser.c" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
  exit 0
fi
command -v npm >/dev/null 2>&1 || {
  echo "fetch-grammar: npm is needed to fetch tree-sitter-c (scripts/bootstrap.sh installs it)" >&2
  exit 2
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "tree-sitter-c@$version" >/dev/null) || {
  echo "fetch-grammar: npm pack tree-sitter-c@$version failed" >&2
  exit 2
}
rm -rf "$dir"
mkdir -p "$dir"
tar -xzf "$tmp/tree-sitter-c-$version.tgz" -C "$dir" --strip-components=1 \
  package/src package/LICENSE package/package.json
echo "$version" >"$stamp"
