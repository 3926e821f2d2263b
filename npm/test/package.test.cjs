'use strict';
// The packed tarball, installed into a fresh folder and loaded with require('fklint') from there (the
// CommonJS wrapper over the nodejs build). Run: node --test npm/test/ (after scripts/build-wasm.sh).
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { createRequire } = require('node:module');
const support = require('./support.cjs');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const { checks, SEED, PRISMA } = require('./checks.cjs');

const installed = support.packAndInstall('cjs');
after(() => support.cleanup(installed.dir));
const requireFromApp = createRequire(path.join(installed.app, 'index.js'));

test('require("fklint") resolves to the CommonJS wrapper over the nodejs build', () => {
  const resolved = requireFromApp.resolve('fklint');
  assert.equal(path.basename(resolved), 'node.cjs');
  const api = requireFromApp('fklint');
  for (const name of ['check', 'schema', 'rules', 'version', 'init', 'initSync', 'initFull', 'prepare', 'default']) {
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

test('require("fklint"): SQL is checked by the SQL-only module; the module with every front end loads on the first Prisma schema', () => {
  // In a fresh process, so that no other test has loaded either module.
  const full = fs.realpathSync(path.join(installed.app, 'node_modules/fklint/dist/node/fklint_full.js'));
  const script = `
    const fklint = require('fklint');
    const loaded = () => Object.keys(require.cache).includes(${JSON.stringify(full)});
    const sql = fklint.check(${JSON.stringify(SEED)}).findings.map((f) => f.code).sort();
    // A project laid out by its tool: a TypeScript file the layout does not run needs no second module.
    const sqlProject = fklint.check([{ name: 'db/migrations/001_init.sql', text: ${JSON.stringify(SEED)} }, { name: 'src/index.ts', text: 'export {};' }], { tool: 'auto' });
    const afterSql = loaded();
    const prisma = fklint.check([{ name: 'schema.prisma', text: ${JSON.stringify(PRISMA)} }]).findings.map((f) => f.code);
    console.log(JSON.stringify({ sql, sqlProject: !sqlProject.error, afterSql, prisma, afterPrisma: loaded() }));
  `;
  const output = execFileSync(process.execPath, ['-e', script], { cwd: installed.app, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(output), { sql: ['FK101', 'FK201'], sqlProject: true, afterSql: false, prisma: ['FK201'], afterPrisma: true });
});
