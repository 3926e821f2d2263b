#!/usr/bin/env bash
# Browser end-to-end tests of the page and the <fk-lint> widget: installs what is missing (Debian's chromium and
# chromium-driver; playwright-core from web/package-lock.json, which never downloads a browser), builds the site
# (scripts/build-web.sh), serves web/dist on a free 127.0.0.1 port, runs web/e2e/*.test.mjs with `node --test`,
# stops the server and prints `web: N passed, M failed`. Exit status 1 when a test failed.
# The benchmark is separate: node web/e2e/bench.mjs (after this script or scripts/build-web.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

command -v node >/dev/null || { echo "test-web: node (>= 18) is required" >&2; exit 2; }
if [ ! -x /usr/bin/chromium ]; then
  echo "test-web: installing Debian's chromium" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if [ ! -f web/node_modules/playwright-core/package.json ] \
  || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  (cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

bash scripts/build-web.sh

log=$(mktemp -d)
node web/serve.mjs --root dist --port 0 >"$log/server.out" 2>"$log/server.err" &
server=$!
stop_server() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$log"; }
trap stop_server EXIT
for _ in $(seq 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$log/server.out" || true)
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$log/server.err" >&2; echo "test-web: the server did not start" >&2; exit 2; }
  sleep 0.1
done
[ -n "$url" ] || { echo "test-web: the server did not print its address" >&2; exit 2; }
echo "test-web: serving web/dist at $url"

status=0
(cd web && FKLINT_WEB_URL="$url" node --test --test-concurrency=1 --test-reporter=spec e2e/) | tee "$log/tests.out" || status=$?
passed=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$log/tests.out" | tail -1)
failed=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$log/tests.out" | tail -1)
echo "web: ${passed:-0} passed, ${failed:-0} failed"
if [ "$status" -ne 0 ] || [ "${failed:-0}" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then exit 1; fi
