// The wasm API against the native CLI on real migrations: for every item of ../shared/corpus/postgres and of
// examples/, `check()` without the UTF-16 columns must equal `fklint check --format json` exactly (same keys,
// same order, same values), and `schema()` must equal `fklint schema --format json`. Uses the CLI binary in
// FKLINT_CLI, or target/release/fklint, or target/debug/fklint; skipped when there is none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const fklint = require('../node.cjs');
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(repo, process.env.CARGO_TARGET_DIR) : path.join(repo, 'target');
const cli = [process.env.FKLINT_CLI, path.join(targetDir, 'release/fklint'), path.join(targetDir, 'debug/fklint')]
  .find((candidate) => candidate && fs.existsSync(candidate));

const collator = new Intl.Collator('en', { numeric: true });

function sqlFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sqlFiles(full));
    else if (entry.name.endsWith('.sql')) out.push(full);
  }
  return out.sort((a, b) => collator.compare(a, b));
}

function items() {
  const roots = [path.join(repo, '..', 'shared', 'corpus', 'postgres'), path.join(repo, 'examples')];
  const found = [];
  for (const root of roots) {
    if (!fs.existsSync(root)) continue;
    for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const files = sqlFiles(path.join(root, entry.name)).map((file) => path.relative(repo, file));
      if (files.length) found.push({ name: `${path.basename(root)}/${entry.name}`, files });
    }
  }
  return found;
}

function runCli(command, files) {
  try {
    return execFileSync(cli, [command, '--format', 'json', ...files], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 });
  } catch (error) {
    if (error.status === 1 && error.stdout) return error.stdout; // findings at --fail-on: still the report
    throw error;
  }
}

const withoutUtf16 = (value) => JSON.parse(JSON.stringify(value, (key, v) => (key.endsWith('_utf16') ? undefined : v)));

const list = cli ? items() : [];
test('check() and schema() equal the CLI JSON on the corpus and examples', { skip: cli ? false : 'no fklint CLI binary (cargo build --release -p fklint-cli)' }, async (t) => {
  assert.ok(list.length > 0, 'no corpus or examples found');
  for (const item of list) {
    await t.test(`${item.name} (${item.files.length} files)`, () => {
      const sources = item.files.map((file) => ({ name: file, text: fs.readFileSync(path.join(repo, file), 'utf8') }));
      const report = fklint.check(sources);
      assert.equal(report.error, undefined, report.error && report.error.message);
      assert.equal(JSON.stringify(withoutUtf16(report)), JSON.stringify(JSON.parse(runCli('check', item.files))));
      const schema = fklint.schema(sources);
      assert.equal(JSON.stringify(schema), JSON.stringify(JSON.parse(runCli('schema', item.files))));
    });
  }
});
