#!/usr/bin/env bash
# The step behind action.yml. Exit codes: 0 nothing blocking at the fail level, 1 findings that block,
# 2 nhilint could not run (never 1: a broken run must not look like findings).
set -uo pipefail
format="${NHILINT_FORMAT:-sarif}"
fail_level="${NHILINT_FAIL_LEVEL:-error}"
case "$format" in sarif|github|stylish) ;; *) echo "nhilint action: format must be sarif, github or stylish, not '$format'" >&2; exit 2 ;; esac
case "$fail_level" in error|warning|none) ;; *) echo "nhilint action: fail-level must be error, warning or none, not '$fail_level'" >&2; exit 2 ;; esac

if [ -x node_modules/.bin/nhilint ]; then
  nhilint=(node_modules/.bin/nhilint)
else
  # This action's own checkout, built from its lockfile.
  action="${GITHUB_ACTION_PATH:?}"
  if [ ! -f "$action/dist/cli.js" ]; then
    (cd "$action" && npm ci --ignore-scripts --no-audit --no-fund > /dev/null && npm run build --silent > /dev/null) || { echo "nhilint action: could not build nhilint from $action" >&2; exit 2; }
  fi
  nhilint=(node "$action/dist/cli.js")
fi

args=(--format "$format")
if [ "$format" = sarif ]; then
  args+=(--output nhilint.sarif)
  echo "sarif-file=nhilint.sarif" >> "${GITHUB_OUTPUT:-/dev/null}"
fi
[ "$fail_level" = warning ] && args+=(--max-warnings 0)
# shellcheck disable=SC2086 # paths are space-separated on purpose
"${nhilint[@]}" "${args[@]}" ${NHILINT_PATHS:-}
code=$?
if [ "$code" -eq 1 ] && [ "$fail_level" = none ]; then code=0; fi
if [ "$code" -gt 2 ]; then code=2; fi
exit "$code"
