#!/usr/bin/env bash
# Builds the static site (scripts/build-web.sh) and serves web/dist/ on http://127.0.0.1:${PORT:-8000}/ with the
# dotmac example loaded (the page loads it when the URL carries no shared input). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-web.sh
port="${PORT:-8000}"
echo "serve: http://127.0.0.1:${port}/  (docs widget sample: http://127.0.0.1:${port}/docs-sample.html)"
exec node web/serve.mjs --root dist --port "$port"
