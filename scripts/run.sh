#!/usr/bin/env bash
# Builds fklint and runs it on a realistic example: the seven broken foreign keys of the SQLAlchemy write-up,
# as the SQL those models generate (examples/dotmac-platform). Pass other paths to check them instead.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo >/dev/null || { echo "cargo is required (https://rustup.rs)"; exit 2; }
cargo build --release --quiet -p fklint-cli
if [ "$#" -eq 0 ]; then set -- examples/dotmac-platform; fi
./target/release/fklint check "$@" || status=$?
echo
echo "(exit status ${status:-0}: 1 means errors were found; see README.md for --format json|sarif|github)"
