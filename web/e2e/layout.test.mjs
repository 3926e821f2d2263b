// What a user notices: the layout holds at 390 and 1920 px (element rectangles checked, screenshots kept in
// $FKLINT_SHOTS when set); a binary file gets a clear message, never a green result; the example menu and its
// description follow what is loaded; a share link too long for a URL says so and offers a file, which opens again;
// a 5 MB file is shown within a few seconds of its check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shared, checkedPage, gotoPage, idle, musicbrainzFiles } from './helpers.mjs';

const ctx = shared();
const fresh = (t, options) => checkedPage(t, ctx.browser, options);

const overlaps = (a, b) => a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;

for (const width of [390, 1920]) {
  test(`the layout holds at ${width} px: nothing overlaps, the findings are visible`, async (t) => {
    const { page } = await fresh(t, { viewport: { width, height: width < 600 ? 844 : 1080 } });
    await gotoPage(page, ctx.server.url);
    if (process.env.FKLINT_SHOTS) await page.screenshot({ path: join(process.env.FKLINT_SHOTS, `page-${width}.png`), fullPage: true });
    const selectors = ['.topbar', '.input-pane', '.results-pane', '.foot', '#file-tabs', '#editor', '.file-database', '.editor-status', '#summary', '#findings'];
    const rects = {};
    for (const s of selectors) rects[s] = await page.$eval(s, (e) => e.getBoundingClientRect().toJSON());
    const siblings = [
      ['.topbar', '.input-pane'], ['.topbar', '.results-pane'], ['.input-pane', '.results-pane'], ['.input-pane', '.foot'], ['.results-pane', '.foot'],
      ['#file-tabs', '#editor'], ['#editor', '.file-database'], ['.file-database', '.editor-status'], ['#editor', '.editor-status'], ['#summary', '#findings'],
    ];
    for (const [a, b] of siblings) assert.ok(!overlaps(rects[a], rects[b]), `${a} and ${b} overlap at ${width} px: ${JSON.stringify([rects[a], rects[b]])}`);
    // Everything inside its pane, and the page no wider than the screen.
    for (const inner of ['#file-tabs', '#editor', '.file-database', '.editor-status']) {
      const pane = rects['.input-pane'];
      const r = rects[inner];
      assert.ok(r.x >= pane.x - 1 && r.x + r.width <= pane.x + pane.width + 1 && r.y + r.height <= pane.y + pane.height + 1, `${inner} inside the input pane at ${width} px`);
    }
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no horizontal scroll');
    assert.ok(rects['.results-pane'].height >= 300, `the results pane is ${rects['.results-pane'].height} px tall`);
    assert.ok(rects['#editor'].height >= 200, `the editor is ${rects['#editor'].height} px tall`);
    // The controls do not overlap one another.
    const controls = await page.$$eval('.controls > *:not([hidden]):not(.visually-hidden)', (els) => els.map((e) => e.getBoundingClientRect().toJSON()).filter((r) => r.width > 2));
    for (let i = 0; i < controls.length; i++) for (let j = i + 1; j < controls.length; j++) assert.ok(!overlaps(controls[i], controls[j]), `controls ${i} and ${j} overlap`);
  });
}

test('a binary file gets a clear message and no green result', async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, ctx.server.url);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...Array.from({ length: 400 }, (_, i) => (i * 37) % 256)]);
  await page.setInputFiles('#file-input', [{ name: 'logo.png', mimeType: 'image/png', buffer: png }]);
  await page.waitForSelector('#input-note:not([hidden])');
  assert.match(await page.textContent('#input-note'), /logo\.png is not a text file/);
  assert.notEqual(await page.getAttribute('#status', 'data-kind'), 'ok');
  assert.match(await page.textContent('#status'), /not text/);
  // With a text file beside it, the text file is checked and the note stays.
  await page.setInputFiles('#file-input', [
    { name: 'logo.png', mimeType: 'image/png', buffer: png },
    { name: '0001.sql', mimeType: 'application/sql', buffer: Buffer.from('CREATE TABLE a (id int PRIMARY KEY);\n') },
  ]);
  await page.waitForFunction(() => window.fklint.state.files.length === 1 && window.fklint.state.files[0].name === '0001.sql');
  await idle(page);
  assert.equal(await page.isVisible('#input-note'), true);
  assert.match(await page.textContent('#input-note'), /logo\.png/);
});

test('the example menu and its description follow what is loaded', async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, ctx.server.url);
  assert.equal(await page.$eval('#example', (e) => e.value), 'dotmac-platform');
  assert.equal(await page.isVisible('#example-note'), true);
  await page.setInputFiles('#file-input', [{ name: 'big.sql', mimeType: 'application/sql', buffer: Buffer.from('CREATE TABLE a (id int PRIMARY KEY);\n'.repeat(2000)) }]);
  await page.waitForFunction(() => window.fklint.state.files[0].name === 'big.sql');
  assert.equal(await page.$eval('#example', (e) => e.value), '');
  assert.equal(await page.isVisible('#example-note'), false);
  await page.selectOption('#example', 'sqlite-blog');
  await idle(page);
  assert.equal(await page.$eval('#example', (e) => e.value), 'sqlite-blog');
  assert.match(await page.textContent('#example-note'), /\S/);
});

test('a share link too long for a URL says so and offers a file that opens again', async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, ctx.server.url);
  // SQL that compresses badly: random identifiers, ~670 KB (a link of ~150 KB).
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const word = () => Array.from({ length: 12 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(rand() * 26)]).join('');
  const text = Array.from({ length: 10000 }, () => `CREATE TABLE ${word()} (id int PRIMARY KEY, ${word()} text);`).join('\n');
  await page.evaluate(async (text) => {
    window.fklint.load([{ name: 'random.sql', text }]);
    await window.fklint.idle();
  }, text);
  await page.click('#share');
  await page.waitForSelector('#share-too-long:not([hidden])');
  assert.match(await page.textContent('#share-too-long'), /too long for a URL/);
  assert.equal(await page.evaluate(() => location.hash), '', 'no giant fragment set');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#share-download')]);
  assert.equal(download.suggestedFilename(), 'fklint-share.json');
  const saved = readFileSync(await download.path(), 'utf8');
  // Opening that file restores the input.
  await page.evaluate(() => window.fklint.load([{ name: 'other.sql', text: 'SELECT 1;' }]));
  await idle(page);
  await page.setInputFiles('#file-input', [{ name: 'fklint-share.json', mimeType: 'application/json', buffer: Buffer.from(saved) }]);
  await page.waitForFunction(() => window.fklint.state.files[0].name === 'random.sql');
  assert.equal(await page.evaluate(() => window.fklint.state.files[0].text), text);
});

test('a 5 MB file is shown within a few seconds of its check', async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, ctx.server.url);
  // 5 MB of schema: tables referencing the previous one (a unique, so indexed, key), every 40th a missing table.
  const parts = [];
  let size = 0;
  for (let i = 0; size < 5 * 1024 * 1024; i++) {
    const ref = i % 40 === 39 ? `missing_${i}` : `t${i - 1}`;
    const sql = `-- table ${i}: ${'padding '.repeat(6)}\nCREATE TABLE t${i} (\n  id bigint PRIMARY KEY,\n  parent_id bigint UNIQUE${i ? ` REFERENCES ${ref} (id)` : ''},\n  name text NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n`;
    parts.push(sql);
    size += sql.length;
  }
  const text = parts.join('');
  const timing = await page.evaluate(async (text) => {
    const t0 = performance.now();
    window.fklint.load([{ name: 'big.sql', text }]);
    await window.fklint.idle();
    const last = window.fklint.timings.at(-1);
    return { total: performance.now() - t0, check: last.check, findings: window.fklint.state.findings.length };
  }, text);
  t.diagnostic(`5 MB: shown ${Math.round(timing.total)} ms after loading, of which the check ${Math.round(timing.check)} ms; ${timing.findings} findings`);
  console.log(`# 5 MB file: idle after ${Math.round(timing.total)} ms, check ${Math.round(timing.check)} ms, ${timing.findings} findings`);
  assert.ok(timing.findings > 0);
  assert.ok(timing.total - timing.check < 4000, `shown ${Math.round(timing.total - timing.check)} ms after the check`);
  assert.equal(await page.evaluate(() => window.fklint.editor.getText().length), text.length);
});
