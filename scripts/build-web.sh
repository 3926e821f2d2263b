#!/usr/bin/env bash
# Builds the static site into web/dist/: the page (index.html), the <fk-lint> docs widget (fk-lint.js) and its
# sample page, the worker, the wasm (web/pkg/, rebuilt by scripts/build-wasm.sh when missing or older than the
# Rust sources) also inlined as a string (wasm-inline.js, and wasm-full-inline.js for the module with every front
# end: the page instantiates them without any fetch), and the
# examples (examples.js). Copy web/dist/ to any static host; dist/_headers carries the CSP as a header too.
# The editor (CodeMirror 6) and the diagram's layout (dagre) come from npm (web/package-lock.json) and are bundled
# here with esbuild into dist/lib/editor.js and dist/lib/graph-layout.js: the page requests nothing at run time.
# FKLINT_WEB_FAKE=1 builds with web/dev-fake/ instead of the wasm (page development only; never deploy it).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null || { echo "build-web: node (>= 18) is required" >&2; exit 2; }

pkg=web/pkg
dist=web/dist

wasm_is_stale() {
  [ -f "$pkg/fklint_wasm.js" ] && [ -f "$pkg/fklint_wasm_bg.wasm" ] && [ -f "$pkg/fklint_full_bg.wasm" ] || return 0
  [ -n "$(find crates Cargo.toml Cargo.lock -type f -newer "$pkg/fklint_wasm_bg.wasm" -not -path '*/target/*' -print -quit 2>/dev/null)" ]
}

fake=0
if [ "${FKLINT_WEB_FAKE:-0}" = 1 ]; then
  fake=1
  echo "build-web: FKLINT_WEB_FAKE=1: using web/dev-fake (a regex toy, not fklint): for page development only" >&2
elif wasm_is_stale; then
  if [ -f scripts/build-wasm.sh ]; then
    echo "build-web: web/pkg is missing or older than the Rust sources: running scripts/build-wasm.sh" >&2
    bash scripts/build-wasm.sh
  else
    echo "build-web: web/pkg is missing and scripts/build-wasm.sh does not exist" >&2
    exit 2
  fi
  [ -f "$pkg/fklint_wasm.js" ] && [ -f "$pkg/fklint_wasm_bg.wasm" ] || {
    echo "build-web: scripts/build-wasm.sh did not write $pkg/fklint_wasm.js and $pkg/fklint_wasm_bg.wasm" >&2
    exit 2
  }
fi

# The npm packages the bundles are made from (installed as the lock file says; esbuild brings its own binary).
if [ ! -f web/node_modules/esbuild/package.json ] || [ ! -f web/node_modules/@codemirror/view/package.json ] \
  || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  (cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

rm -rf "$dist"
mkdir -p "$dist/lib" "$dist/page" "$dist/pkg"
cp web/index.html web/docs-sample.html web/style.css web/docs-sample.css web/app.js web/worker.js web/fk-lint.js \
  web/theme-init.js web/favicon.svg "$dist/"
cp web/lib/*.js "$dist/lib/"
cp web/page/*.js "$dist/page/"
# Modules that import npm packages, bundled in place of their copies (ES modules, minified, one file each).
for entry in editor graph-layout; do
  web/node_modules/.bin/esbuild "web/lib/$entry.js" --bundle --format=esm --minify --target=es2022 \
    --legal-comments=none --log-level=warning --outfile="$dist/lib/$entry.js"
done
# Two modules (scripts/build-wasm.sh): the SQL-only one (fklint_wasm, wasm-inline.js), which every check loads,
# and the one with every front end (fklint_full, wasm-full-inline.js), loaded only for a file that needs it.
if [ "$fake" = 1 ]; then
  cp web/dev-fake/fklint_wasm.js "$dist/pkg/"
  cp web/dev-fake/fklint_wasm.js "$dist/pkg/fklint_full.js"
  node web/tools/inline-wasm.mjs - "$dist/wasm-inline.js"
  node web/tools/inline-wasm.mjs - "$dist/wasm-full-inline.js"
else
  cp "$pkg/fklint_wasm.js" "$pkg/fklint_wasm_bg.wasm" "$pkg/fklint_full.js" "$pkg/fklint_full_bg.wasm" "$dist/pkg/"
  for f in "$pkg"/*.d.ts; do [ -e "$f" ] && cp "$f" "$dist/pkg/"; done
  node web/tools/inline-wasm.mjs "$pkg/fklint_wasm_bg.wasm" "$dist/wasm-inline.js"
  node web/tools/inline-wasm.mjs "$pkg/fklint_full_bg.wasm" "$dist/wasm-full-inline.js"
fi
node web/tools/gen-examples.mjs examples "$dist/examples.js"

# The CSP as a response header for hosts that read _headers (Netlify, Cloudflare Pages): unlike the <meta> tag,
# a header also applies to the worker.
csp=$(sed -n 's/.*http-equiv="Content-Security-Policy" content="\([^"]*\)".*/\1/p' web/index.html)
printf '/*\n  Content-Security-Policy: %s\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n' "$csp" > "$dist/_headers"

size() { wc -c < "$1" | tr -d ' '; }
if [ "$fake" = 0 ]; then
  wasm="$dist/pkg/fklint_wasm_bg.wasm"
  echo "build-web: wasm $(size "$wasm") bytes, gzip $(gzip -9c "$wasm" | wc -c | tr -d ' '), inlined gzip $(gzip -9c "$dist/wasm-inline.js" | wc -c | tr -d ' ')"
  full="$dist/pkg/fklint_full_bg.wasm"
  echo "build-web: wasm with every front end $(size "$full") bytes, gzip $(gzip -9c "$full" | wc -c | tr -d ' '), inlined gzip $(gzip -9c "$dist/wasm-full-inline.js" | wc -c | tr -d ' ')"
fi
echo "build-web: wrote $dist/ ($(find "$dist" -type f | wc -l | tr -d ' ') files)"
