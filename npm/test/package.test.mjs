// The packed tarball, installed into a fresh folder and imported as ESM: the Node entry (`import ... from
// 'fklint'`), the web build (`fklint/web`, initialised from the bytes, as a browser would after fetching) and
// the bundler build (`fklint/bundler`, through Node's WebAssembly ESM integration, as bundlers do).
// Run: node --test npm/test/ (after scripts/build-wasm.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import support from './support.cjs';
import checksModule from './checks.cjs';

const { checks, PRISMA } = checksModule;
const installed = support.packAndInstall('esm');
after(() => support.cleanup(installed.dir));

/** Imports `specifier` as a module in the app folder would (bare names resolve from there). */
async function importFromApp(specifier, extra = '') {
  const file = path.join(installed.app, `entry-${specifier.replace(/\W/g, '_')}.mjs`);
  fs.writeFileSync(file, `export * from ${JSON.stringify(specifier)};\nexport { default } from ${JSON.stringify(specifier)};\n${extra}`);
  return import(pathToFileURL(file).href);
}

test('the tarball holds the wrappers, the types, the three builds (with their glue types), the CLI and the language server, nothing else', () => {
  const expected = [
    'README.md', 'bundler.js', 'guard.cjs', 'guard.js', 'index.d.cts', 'index.d.ts', 'index.js', 'node.cjs', 'node.js',
    'package.json',
    // Two modules per build: SQL only (fklint_wasm) and every front end (fklint_full).
    ...['fklint_wasm', 'fklint_full'].flatMap((m) => [
      `dist/bundler/${m}.d.ts`, `dist/bundler/${m}.js`, `dist/bundler/${m}_bg.js`, `dist/bundler/${m}_bg.wasm`,
      `dist/node/${m}.d.ts`, `dist/node/${m}.js`, `dist/node/${m}_bg.wasm`,
      `dist/web/${m}.d.ts`, `dist/web/${m}.js`, `dist/web/${m}_bg.wasm`,
    ]),
    'dist/bundler/package.json', 'dist/node/package.json', 'dist/web/package.json',
    // `npx fklint` and `fklint lsp`: the CLI for WASI, its runner, the language server and the rule pages it links.
    'bin/fklint.js', 'cli.js', 'cli-worker.js', 'dist/wasi/fklint.wasm',
    'lsp/diagnostics.js', 'lsp/positions.js', 'lsp/project.js', 'lsp/server.js', 'lsp/vendor.js',
    ...fs.readdirSync(new URL('../../docs/rules/', import.meta.url)).map((page) => `dist/docs/rules/${page}`),
  ].sort();
  assert.deepEqual(installed.files, expected);
  const pkg = JSON.parse(fs.readFileSync(path.join(installed.app, 'node_modules/fklint/package.json'), 'utf8'));
  assert.equal(pkg.name, 'fklint');
  assert.equal(pkg.dependencies, undefined, 'no dependencies');
});

test('import from "fklint" in Node.js (CommonJS instance behind an ESM facade)', async (t) => {
  const api = await importFromApp('fklint');
  for (const name of ['check', 'schema', 'rules', 'version', 'initSync', 'initFull', 'prepare']) assert.equal(typeof api[name], 'function', name);
  // `import` and `require` share one instance.
  const { createRequire } = await import('node:module');
  const required = createRequire(path.join(installed.app, 'x.js'))('fklint');
  assert.equal(api.check, required.check);
  for (const [name, fn] of checks(api, { version: installed.version })) await t.test(name, fn);
});

test('import from "fklint/web" (the browser build) in Node.js, initialised from the bytes', async (t) => {
  const api = await importFromApp(
    'fklint/web',
    "export const wasmUrl = import.meta.resolve('fklint/fklint_wasm_bg.wasm');\n" +
      "export const fullWasmUrl = import.meta.resolve('fklint/fklint_full_bg.wasm');\n",
  );
  await t.test('before init(), calls say how to initialise', () => {
    assert.match(api.check('SELECT 1').error.message, /not initialised: call `await init\(\)`/);
    assert.throws(() => api.rules(), /not initialised/);
  });
  const bytes = fs.readFileSync(fileURLToPath(api.wasmUrl));
  await api.default(bytes);
  await t.test('a Prisma schema before the module with every front end is loaded: the error says to prepare()', () => {
    assert.match(api.check([{ name: 'schema.prisma', text: PRISMA }]).error.message, /call `await prepare\(sources, options\)`/);
  });
  const fullInput = fs.readFileSync(fileURLToPath(api.fullWasmUrl));
  for (const [name, fn] of checks(api, { version: installed.version, fullInput })) await t.test(name, fn);
});

test('import from "fklint/bundler" (WebAssembly ESM integration, as bundlers load it)', async (t) => {
  // Node.js 20 needs a flag for `import ... from "x.wasm"`, so this runs in a child process.
  const probe = path.join(installed.app, 'probe-bundler.mjs');
  const checksFile = path.join(installed.app, 'checks.cjs');
  fs.copyFileSync(new URL('./checks.cjs', import.meta.url), checksFile);
  fs.writeFileSync(probe, `
    import * as api from 'fklint/bundler';
    import checksModule from './checks.cjs';
    const results = [];
    for (const [name, fn] of checksModule.checks(api, { version: ${JSON.stringify(installed.version)}, restarts: false })) {
      try { await fn(); results.push({ name, ok: true }); } catch (error) { results.push({ name, ok: false, error: String(error && error.stack || error) }); }
    }
    console.log(JSON.stringify(results));
  `);
  const output = execFileSync(process.execPath, ['--experimental-wasm-modules', '--no-warnings', probe], {
    cwd: installed.app,
    encoding: 'utf8',
  });
  const results = JSON.parse(output.trim().split('\n').pop());
  assert.ok(results.length > 5);
  for (const result of results) {
    await t.test(result.name, () => assert.ok(result.ok, result.error));
  }
});
