// A project folder laid out as `fklint check` lays it out: with a checker that accepts `options.tool`, the page
// shows the migration tool it detected (and why) and lets the user choose another one. Skipped with a checker
// that has no project API (the picker is then hidden).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { shared, checkedPage, gotoPage, idle } from './helpers.mjs';

const ctx = shared();
const goose = fileURLToPath(new URL('../../../shared/corpus/tools/postgres/bitmagnet-goose/', import.meta.url));

test('a goose project: the detected tool is shown with its evidence, and choosing another re-checks', { skip: !existsSync(goose) && 'no corpus' }, async (t) => {
  const { page } = await checkedPage(t, ctx.browser);
  await gotoPage(page, ctx.server.url);
  if (!(await page.evaluate(() => window.fklint.state.toolSupported))) {
    assert.equal(await page.isHidden('#tool-field'), true, 'no picker without the project API');
    t.skip('this checker has no options.tool');
    return;
  }
  const files = readdirSync(goose).filter((n) => n.endsWith('.sql')).sort().map((name) => ({ name: `migrations/${name}`, text: readFileSync(join(goose, name), 'utf8') }));
  await page.evaluate(async (files) => {
    window.fklint.load(files);
    await window.fklint.idle();
  }, files);
  assert.equal(await page.isVisible('#tool-field'), true);
  assert.match(await page.textContent('#tool-detected'), /^Detected: goose \(.+\)/);
  assert.equal(await page.evaluate(() => window.fklint.state.findings.filter((f) => f.severity === 'error').length), 0, 'no error on a real goose project');
  await page.selectOption('#tool', 'plain');
  await idle(page);
  assert.match(await page.textContent('#tool-detected'), /^Laid out as: plain/);
});
