#!/usr/bin/env bash
# Validates SARIF logs with Microsoft's SARIF multitool, including the
# GitHub code scanning ingestion rules (tests/sarif-github-policy.xml).
#
# usage: tests/sarif_multitool.sh LOG.sarif...
#
# The multitool comes from npm (@microsoft/sarif-multitool, pinned below)
# and is installed once into a cache: $CONNLINT_CACHE_DIR, else
# $XDG_CACHE_HOME/connlint, else $HOME/.cache/connlint. npm does not run the
# package's install script here, so its Sarif.Multitool binary is made
# executable by hand. Fails if any log has an error-level validation result
# (the multitool itself exits 0 either way, so its own SARIF output is read).
# SARIF_RULE_KIND=Sarif checks the SARIF spec and schema only, without the
# GitHub rules (tests/validate_sarif.py, for logs not meant for upload).
set -euo pipefail

VERSION=5.7.0
here=$(cd "$(dirname "$0")" && pwd)
cache=${CONNLINT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/connlint}
prefix=$cache/sarif-multitool-$VERSION

[ $# -gt 0 ] || { echo "usage: $0 LOG.sarif..." >&2; exit 2; }

case "$(uname -s)" in
Linux) platform=linux ;;
Darwin) platform=darwin ;;
*) echo "sarif_multitool: unsupported platform $(uname -s)" >&2; exit 2 ;;
esac
tool=$prefix/node_modules/@microsoft/sarif-multitool-$platform/Sarif.Multitool

if [ ! -f "$tool" ]; then
  command -v npm >/dev/null || { echo "sarif_multitool: npm is needed to install the multitool" >&2; exit 2; }
  mkdir -p "$prefix"
  # Several tests may get here at once (ctest -j): one installs, the others wait.
  (
    flock 9
    [ -f "$tool" ] || npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error \
      "@microsoft/sarif-multitool@$VERSION" >&2
  ) 9>"$cache/sarif-multitool-$VERSION.lock"
fi
chmod +x "$tool"

status=0
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for log in "$@"; do
  result=$out/$(basename "$log").validation.sarif
  "$tool" validate "$log" --output "$result" --log ForceOverwrite \
    --rule-kind "${SARIF_RULE_KIND:-Sarif;Gh;Ghas}" --config "$here/sarif-github-policy.xml" --quiet || true
  if [ ! -s "$result" ]; then
    echo "$log: the multitool produced no validation output" >&2
    status=1
    continue
  fi
  # One line per finding: "level ruleId: message".
  report=$(node -e '
    const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const run of log.runs || [])
      for (const r of run.results || [])
        console.log(`${r.level || "warning"} ${r.ruleId}: ${(r.message && r.message.text) || ""}`);
    for (const run of log.runs || [])
      for (const inv of run.invocations || [])
        for (const n of inv.toolExecutionNotifications || [])
          if (n.level === "error") console.log(`error tool: ${n.message && n.message.text}`);
  ' "$result")
  if grep -q '^error ' <<<"$report"; then
    echo "$log: invalid for GitHub code scanning:" >&2
    grep '^error ' <<<"$report" >&2
    status=1
  else
    echo "$log: valid ($(grep -c '^warning ' <<<"$report" || true) warnings)"
  fi
done
exit $status
