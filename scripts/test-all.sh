#!/usr/bin/env bash
# Installs what the tests need (npm packages, Debian's chromium) and runs every test:
# type-check, build, unit, integration (real relay over real sockets) and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_node
ensure_chromium
install_deps_if_needed
ensure_scale_out_services
npm test
