// The table of good and bad settings (tests/settings/cases.json) through the wasm `options`: every case must give
// the table's result (the dialect checked and the findings) or exactly its message, as `fklint.toml` and the CLI
// flags do (crates/fklint-cli/tests/settings_table.rs runs the same table through the CLI). The wasm spells the
// keys in camelCase, in its messages too; cases of keys that choose files on disk (`only: "file"`) are the CLI's.
// Run after scripts/build-wasm.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const fklint = require('../node.cjs');
const table = JSON.parse(fs.readFileSync(new URL('../../tests/settings/cases.json', import.meta.url), 'utf8'));

/** The keys the file spells in snake_case, as the wasm spells them. */
const CAMEL = { search_path: 'searchPath', foreign_key_checks: 'foreignKeyChecks', ids_from: 'idsFrom' };
const camelKeys = (settings) => Object.fromEntries(Object.entries(settings).map(([key, value]) => [CAMEL[key] ?? key, value]));
const camelMessage = (message) => message.replace(/\b(search_path|foreign_key_checks|ids_from)\b/g, (key) => CAMEL[key]);

function outcome(report) {
  if ('error' in report) return { error: report.error.message };
  return {
    dialect: report.summary.dialect,
    findings: report.findings.map((f) => `${f.code} ${f.severity} ${f.file}:${f.line}`),
  };
}

for (const item of table.cases.filter((c) => c.only !== 'file')) {
  test(item.name, () => {
    const got = outcome(fklint.check(item.sources ?? table.sources, camelKeys(item.settings)));
    if (item.error) assert.deepEqual(got, { error: camelMessage(item.error) });
    else assert.deepEqual(got, item.result);
  });
}

for (const key of ['exclude', 'search_path']) {
  test(`\`${key}\` (fklint.toml's) is unknown to the wasm, with the same list of keys`, () => {
    const report = fklint.check(table.sources, { [key]: ['b.sql'] });
    const listed = camelMessage(table.cases.find((c) => c.name === 'an unknown key').error);
    assert.equal(report.error?.message, listed.replace('`colour`', `\`${key}\``));
  });
}
