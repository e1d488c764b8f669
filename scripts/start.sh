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
ORG="${FIELDBOARD_ORG:-demo}"

if [ ! -f "$DATA_DIR/secret.key" ] && [ -z "${FIELDBOARD_SECRET:-}" ]; then
  echo
  echo "==> first run: open http://localhost:$PORT to set up your organisation and its first admin."
  echo "    Or sign in at once with this operator link for organisation '$ORG'"
  echo "    (make more with: npm run token -- --org $ORG --role dispatcher --name 'Dana' --link)"
  npm run -s token -- --org "$ORG" --role admin --user admin --name Admin --link --base-url "http://localhost:$PORT"
  echo
fi

echo "==> Fieldboard on http://localhost:$PORT  (data in $DATA_DIR; Ctrl+C stops it)"
exec node --import tsx server/main.ts
