#!/usr/bin/env bash
# The README's "run" command: builds the wasm and the static site (web/dist/) and serves the page on
# http://127.0.0.1:${PORT:-8000}/ with a realistic example loaded (the seven broken foreign keys of the
# SQLAlchemy write-up). Installs what is missing. Ctrl-C stops it.
# To check files from the terminal instead: cargo run --release -p fklint-cli -- check examples/dotmac-platform
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash scripts/serve.sh
