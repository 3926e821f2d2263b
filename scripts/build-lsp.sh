#!/usr/bin/env bash
# Bundles the language server's one dependency (vscode-languageserver, MIT) into npm/lsp/vendor.js, so that the
# npm package `fklint` keeps no dependencies; the server's own code (npm/lsp/*.js) is shipped as written.
# Installs the build tools first (npm/package.json devDependencies, pinned by npm/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/../npm"
if [ ! -x node_modules/.bin/esbuild ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# ESM output, with `require` for the bundled CommonJS code's Node.js built-ins.
node_modules/.bin/esbuild lsp/vendor-entry.js --bundle --platform=node --format=esm --target=node18 \
  --minify --legal-comments=eof --log-level=warning --outfile=lsp/vendor.js \
  --banner:js="import { createRequire as __fklintRequire } from 'node:module'; const require = __fklintRequire(import.meta.url);"
echo "build-lsp: npm/lsp/vendor.js $(wc -c <lsp/vendor.js) B"
