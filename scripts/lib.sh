# Shared helpers for scripts/start.sh and scripts/test-all.sh.

require_node() {
  if ! command -v node >/dev/null 2>&1; then
    echo "Fieldboard needs Node.js 20.19 or newer (https://nodejs.org)." >&2
    exit 1
  fi
  local version major minor
  version="$(node -p 'process.versions.node')"
  major="${version%%.*}"
  minor="$(echo "$version" | cut -d. -f2)"
  if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
    echo "Fieldboard needs Node.js 20.19 or newer; this is $version." >&2
    exit 1
  fi
}

# npm ci when node_modules is missing or older than the lockfile.
install_deps_if_needed() {
  if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "==> installing dependencies (npm ci)"
    npm ci --no-audit --no-fund
  fi
}

# Debian's chromium for the browser tests (playwright-core drives it; it never downloads browsers).
ensure_chromium() {
  if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then return; fi
  echo "==> installing Debian's chromium for the browser tests"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "chromium is missing and this user cannot install it: run 'apt-get install -y chromium fonts-liberation' as root, or set CHROMIUM_PATH." >&2
      exit 1
    fi
  fi
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium fonts-liberation >/dev/null
}

# Scale-out tests (tests/integration/scale-out-*.test.ts) use PostgreSQL on 127.0.0.1:5432 and
# Redis on 127.0.0.1:6379. Starts whichever is installed but not running; never installs them.
# Where they stay absent, those tests skip with a loud message.
ensure_scale_out_services() {
  if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
      local version
      for version in $(ls /etc/postgresql); do
        echo "==> starting PostgreSQL $version (scale-out tests)"
        pg_ctlcluster --skip-systemctl-redirect "$version" main start || echo "!!! could not start PostgreSQL $version; the scale-out tests will skip" >&2
      done
    fi
  fi
  if command -v redis-server >/dev/null 2>&1 && ! { command -v redis-cli >/dev/null 2>&1 && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; }; then
    echo "==> starting redis-server (scale-out tests)"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no >/dev/null || echo "!!! could not start redis-server; the scale-out tests will skip" >&2
  fi
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "!!! PostgreSQL and/or Redis are not installed here: the scale-out tests will SKIP (see tests/README.md)" >&2
  fi
}
