'use strict';
// The packed tarball, installed into a fresh folder and loaded with require('fklint') from there (the
// CommonJS wrapper over the nodejs build). Run: node --test npm/test/ (after scripts/build-wasm.sh).
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { createRequire } = require('node:module');
const support = require('./support.cjs');
const { checks } = require('./checks.cjs');

const installed = support.packAndInstall('cjs');
after(() => support.cleanup(installed.dir));
const requireFromApp = createRequire(path.join(installed.app, 'index.js'));

test('require("fklint") resolves to the CommonJS wrapper over the nodejs build', () => {
  const resolved = requireFromApp.resolve('fklint');
  assert.equal(path.basename(resolved), 'node.cjs');
  const api = requireFromApp('fklint');
  for (const name of ['check', 'schema', 'rules', 'version', 'init', 'initSync', 'default']) {
    assert.equal(typeof api[name], 'function', name);
  }
});

test('require("fklint"): the API', async (t) => {
  const api = requireFromApp('fklint');
  for (const [name, fn] of checks(api, { version: installed.version })) await t.test(name, fn);
});

test('require("fklint/package.json") works (tools read the version)', () => {
  assert.equal(requireFromApp('fklint/package.json').version, installed.version);
});
