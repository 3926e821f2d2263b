#!/usr/bin/env bash
# Builds the VS Code extension (editors/vscode) into a .vsix: the client bundled with esbuild, the language
# server copied from the npm package (npm/: run scripts/build-wasm.sh first), packed by @vscode/vsce.
#   scripts/build-vscode.sh [OUT.vsix]     (default: editors/vscode/fklint-VERSION.vsix)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-}
[ -f npm/dist/wasi/fklint.wasm ] && [ -f npm/lsp/vendor.js ] || { echo "build-vscode: npm/dist is missing: run scripts/build-wasm.sh" >&2; exit 2; }
cd editors/vscode
if [ ! -x node_modules/.bin/vsce ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node_modules/.bin/esbuild src/extension.js --bundle --platform=node --format=cjs --target=node18 --external:vscode \
  --minify --legal-comments=eof --log-level=warning --outfile=dist/extension.js
# The server: what the npm package runs for `fklint lsp` (its ESM files need the package's "type": "module").
rm -rf server
mkdir -p server/lsp server/dist
cp -r ../../npm/bin ../../npm/cli.js ../../npm/cli-worker.js server/
for file in ../../npm/lsp/*.js; do
  case $file in */vendor-entry.js) ;; *) cp "$file" server/lsp/ ;; esac
done
cp -r ../../npm/dist/wasi ../../npm/dist/docs server/dist/
echo '{ "type": "module" }' >server/package.json
version=$(node -p 'require("./package.json").version')
out=${out:-fklint-$version.vsix}
node_modules/.bin/vsce package --no-dependencies --allow-missing-repository --out "$out" >/dev/null
echo "build-vscode: $out $(wc -c <"$out") B"
