#!/usr/bin/env bash
# Every test of the WebAssembly bindings and the npm package, in order:
#   1. build (scripts/build-wasm.sh: wasm-release, SQL-only and every front end, wasm-bindgen web/bundler/nodejs,
#      sizes), and the SQL-only module's size (npm/test/size.test.mjs: fails above its 512,000 B gzip budget)
#   2. rustfmt and clippy of crates/fklint-wasm (native and wasm32, tests included)
#   3. wasm-bindgen-test in Node.js      (crates/fklint-wasm/tests/node.rs)
#   4. wasm-bindgen-test in headless Chromium (crates/fklint-wasm/tests/browser.rs, CHROMEDRIVER)
#   5. the packed tarball, installed into a fresh folder: ESM, CommonJS, web build, bundler build, and the ESM
#      entry in headless Chromium (node --test npm/test/package.test.* npm/test/browser.test.mjs)
#   6. TypeScript: tsc --noEmit on usage files against the installed types (npm/test/types.test.mjs), and the
#      table of good and bad settings through the wasm options (npm/test/settings.test.mjs; the CLI runs it in
#      crates/fklint-cli/tests/settings_table.rs)
#   7. parity: check()/schema() equal the native CLI's JSON on ../shared/corpus/postgres and examples/
#   8. npx fklint (the CLI compiled for WASI) prints byte for byte what the native CLI prints, on every example and
#      corpus item, in every format, with the same exit codes and files written by `fix --write`
#   9. fklint lsp: an editor session over stdio
# Installs what is missing (Node.js/npm, Chromium and chromedriver from Debian; the rest via build-wasm.sh).
# Runs every step even after a failure; exits 1 if anything failed. Last line: `wasm: N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

command -v node >/dev/null && command -v npm >/dev/null || { say "installing Node.js and npm (Debian)"; apt_install nodejs npm; }
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
if [ ! -x "$CHROMEDRIVER" ]; then
  say "installing Chromium and chromedriver (Debian)"
  apt_install chromium chromium-driver
fi

target_dir=$(cargo metadata --no-deps --format-version 1 | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).target_directory')
log_dir=$target_dir/test-wasm
mkdir -p "$log_dir"
passed=0
failed=0
timings=()

# step NAME KIND COMMAND...: runs COMMAND, tees its output to a log, adds its test counts. KIND says how to count:
# cargo (wasm-bindgen-test result lines), node (node --test summary), or plain (a build or lint step: no test,
# so it adds nothing to the counts, but its failure is one failure).
step() {
  local name=$1 kind=$2
  shift 2
  local log="$log_dir/$(echo "$name" | tr -c 'a-zA-Z0-9\n' '-' | tr -s '-').log"
  say "$name"
  local t0=$EPOCHREALTIME
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local p=0 f=0
  case $kind in
    cargo)
      p=$(grep -Eo 'test result: [A-Za-z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
      f=$(grep -Eo 'test result: [A-Za-z]+\. [0-9]+ passed; [0-9]+ failed' "$log" | awk '{s+=$6} END {print s+0}')
      ;;
    node)
      p=$(grep -E '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
      f=$(grep -E '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
      ;;
    plain)
      ;;
  esac
  # A failing command that reported no failing test (build error, crash) still counts as one failure.
  if [ "$status" != 0 ] && [ "$f" = 0 ]; then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  timings+=("$(awk -v n="$name" -v a="$t0" -v b="$EPOCHREALTIME" -v p="$p" -v f="$f" -v s="$status" \
    'BEGIN { printf "%-52s %6.1f s  %3d passed, %d failed%s", n, b - a, p, f, (s != 0 ? "  (exit " s ")" : "") }')")
}

step "build (scripts/build-wasm.sh)" plain scripts/build-wasm.sh
step "size: the SQL-only module within its budget" node \
  node --test npm/test/size.test.mjs
step "rustfmt --check (fklint-wasm)" plain cargo fmt -p fklint-wasm -- --check
step "clippy fklint-wasm (native, all targets)" plain \
  cargo clippy -p fklint-wasm --all-targets --quiet -- -D warnings
step "clippy fklint-wasm (wasm32, all targets)" plain \
  cargo clippy -p fklint-wasm --all-targets --target wasm32-unknown-unknown --quiet -- -D warnings
step "wasm-bindgen-test in Node.js" cargo \
  cargo test -p fklint-wasm --target wasm32-unknown-unknown --test node
step "wasm-bindgen-test in headless Chromium" cargo \
  cargo test -p fklint-wasm --target wasm32-unknown-unknown --test browser
step "npm tarball: ESM, CJS, web, bundler, Chromium" node \
  node --test npm/test/package.test.mjs npm/test/package.test.cjs npm/test/browser.test.mjs
step "TypeScript: tsc --noEmit against the installed types" node \
  node --test npm/test/types.test.mjs
step "settings table (tests/settings/cases.json) through the wasm options" node \
  node --test npm/test/settings.test.mjs
step "build the CLI (release) for the parity test" plain cargo build --release --quiet -p fklint-cli
step "wasm = CLI JSON on ../shared/corpus and examples/" node \
  env FKLINT_CLI="$target_dir/release/fklint" node --test npm/test/cli-parity.test.mjs
step "npx fklint = native fklint, byte for byte" node \
  env FKLINT_CLI="$target_dir/release/fklint" node --test npm/test/npx-parity.test.mjs
step "fklint lsp: an editor session over stdio" node \
  node --test npm/test/lsp.test.mjs

say "timings"
printf '  %s\n' "${timings[@]}"
if [ -f "$target_dir/wasm-size.json" ]; then echo "  wasm size (bytes): $(cat "$target_dir/wasm-size.json")"; fi
echo
echo "wasm: ${passed} passed, ${failed} failed"
[ "$failed" = 0 ]
