#!/usr/bin/env bash
# Installs what is missing, builds when the sources changed, and starts the app with its relay
# on one port with the embedded SQLite store (no external services).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_node
install_deps_if_needed

if [ ! -f build/index.html ] || [ -n "$(find src static svelte.config.js vite.config.ts package-lock.json -newer build/index.html -print -quit 2>/dev/null)" ]; then
  echo "==> building the app"
  npm run build
fi

export PORT="${PORT:-8787}"
export DATA_DIR="${DATA_DIR:-./data}"
URL="${PUBLIC_URL:-http://localhost:$PORT}"
URL="${URL%/}"

if [ ! -f "$DATA_DIR/fieldboard.db" ]; then
  # A new server has no organisation: the setup page creates it and its first admin, then
  # everyone works on the board. (The server says the same once it listens.)
  echo
  echo "==> first run: open $URL/setup to create your organisation and its first admin;"
  echo "    you land on the board at $URL/board."
  echo "    Operator sign-in links for screens and scripts, once the organisation exists:"
  echo "      npm run token -- --org YOUR-ORG --role wallboard --name 'Wall screen' --link"
  echo
fi

echo "==> Fieldboard on $URL  (data in $DATA_DIR; Ctrl+C stops it)"
exec node --import tsx server/main.ts
