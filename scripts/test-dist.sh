#!/usr/bin/env bash
# The ways in that need no Rust toolchain, built and tried as a user meets them (tests/dist/):
#   1. tools: maturin and pre-commit from PyPI, in a virtualenv under the target directory
#   2. the artefacts: the npm tarball (npm pack), the wheel (maturin build --release: the `fklint` binary, reusing
#      cargo's release build), the VS Code .vsix (scripts/build-vscode.sh)
#   3. node --test tests/dist/: npx and the wheel without Rust on PATH (same output as the native CLI),
#      pre-commit try-repo (node hook) and a python hook, the GitHub Action's step, the .vsix, the READMEs'
#      snippets
# Needs npm/dist (scripts/build-wasm.sh) and the native CLI (cargo build --release -p fklint-cli, done here when
# missing). Prints the artefacts' sizes and each step's time; last line `dist: N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
timings=()
step_start() { step_name=$1; step_t0=$EPOCHREALTIME; say "$1"; }
step_end() { timings+=("$(awk -v n="$step_name" -v a="$step_t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%-52s %6.1f s", n, b - a }')"); }
fail() { echo "test-dist: $*" >&2; echo "dist: 0 passed, 1 failed"; exit 1; }

target_dir=$(cargo metadata --no-deps --format-version 1 | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).target_directory')
out=$target_dir/dist
tools=$target_dir/dist-tools
rm -rf "$out"
mkdir -p "$out/wheels"
[ -f npm/dist/wasi/fklint.wasm ] || fail "npm/dist is missing: run scripts/build-wasm.sh first"

step_start "tools: maturin, pre-commit (PyPI)"
if ! python3 -m venv --help >/dev/null 2>&1; then
  as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-venv >/dev/null
fi
if [ ! -x "$tools/bin/pre-commit" ] || [ ! -x "$tools/bin/maturin" ]; then
  python3 -m venv "$tools" && "$tools/bin/pip" install -q --disable-pip-version-check "maturin>=1.5,<2" "pre-commit>=3,<5" \
    || fail "cannot install maturin and pre-commit"
fi
git --version >/dev/null 2>&1 || { as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq git >/dev/null; }
step_end

step_start "npm pack"
tarball=$(cd npm && npm pack --silent --pack-destination "$out") || fail "npm pack failed"
tarball=$out/$tarball
step_end

step_start "wheel: maturin build --release (bindings = bin)"
cargo build --release --quiet -p fklint-cli || fail "cargo build failed"
"$tools/bin/maturin" build --release --quiet -m crates/fklint-cli/Cargo.toml --out "$out/wheels" || fail "maturin build failed"
wheel=$(ls "$out"/wheels/fklint-*.whl | head -1)
step_end

step_start "VS Code extension: scripts/build-vscode.sh"
version=$(node -p 'require("./editors/vscode/package.json").version')
bash scripts/build-vscode.sh "$out/fklint-$version.vsix" || fail "the .vsix did not build"
vsix=$out/fklint-$version.vsix
step_end

step_start "node --test tests/dist/"
log=$out/tests.log
FKLINT_NPM_TARBALL=$tarball FKLINT_WHEEL=$wheel FKLINT_VSIX=$vsix FKLINT_CLI=$target_dir/release/fklint \
  FKLINT_TOOLS_VENV=$tools node --test --test-concurrency=1 tests/dist/ 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
step_end

say "artefacts"
for file in "$tarball" "$wheel" "$vsix"; do
  printf '  %-60s %9d B\n' "$(basename "$file")" "$(wc -c <"$file")"
done
say "timings"
printf '  %s\n' "${timings[@]}"
passed=$(grep -E '^# pass [0-9]+' "$log" | awk '{print $3}' | tail -1)
failed=$(grep -E '^# fail [0-9]+' "$log" | awk '{print $3}' | tail -1)
if [ "$status" != 0 ] && [ "${failed:-0}" = 0 ]; then failed=1; fi
echo
echo "dist: ${passed:-0} passed, ${failed:-0} failed"
[ "${failed:-0}" = 0 ] && [ "${passed:-0}" -gt 0 ]
