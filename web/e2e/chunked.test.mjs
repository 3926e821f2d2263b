// A corpus-sized input is handled in short main-thread tasks: the findings list is appended in slices of at most
// 120 rows per task, and the editor reads a megabyte file in slices (its text must come out exactly, whatever the
// line breaks). How long the tasks take is the benchmark's business (web/e2e/bench.mjs), not a test's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shared, checkedPage, gotoPage, musicbrainzFiles } from './helpers.mjs';

const ctx = shared();
const musicbrainz = musicbrainzFiles();

test('musicbrainz: the findings are listed over several tasks, none adding more than 120 rows', { skip: !musicbrainz && 'no corpus' }, async (t) => {
  const { page } = await checkedPage(t, ctx.browser);
  await gotoPage(page, ctx.server.url);
  const batches = await page.evaluate(async (files) => {
    // A MutationObserver's callback runs at the end of each task that changed the list: one entry per task, with
    // the rows it added. Rows of an earlier render that were replaced are not counted at the end.
    const added = [];
    const seen = new Set();
    new MutationObserver((records) => {
      const rows = new Set();
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType !== 1) continue;
          for (const row of n.matches('.finding') ? [n] : n.querySelectorAll('.finding')) if (!seen.has(row)) rows.add(row);
        }
      }
      for (const row of rows) seen.add(row);
      if (rows.size) added.push([...rows]);
    }).observe(document.getElementById('findings'), { childList: true, subtree: true });
    window.fklint.load(files);
    await window.fklint.idle();
    await new Promise((r) => setTimeout(r, 0));
    return added.map((rows) => rows.filter((n) => n.isConnected).length).filter(Boolean);
  }, musicbrainz);
  const listed = await page.evaluate(() => document.querySelectorAll('#findings .finding').length);
  assert.ok(listed > 120, `musicbrainz lists more than one task's rows (${listed})`);
  assert.equal(batches.reduce((a, b) => a + b, 0), listed, `batches ${batches}, listed ${listed}`);
  assert.ok(batches.length >= 2, `rows added in ${batches.length} task(s): ${batches}`);
  assert.ok(Math.max(...batches) <= 120, `rows per task: ${batches}`);
});

test('a large file with every kind of line break reaches the editor exactly (read in slices)', async (t) => {
  const { page } = await checkedPage(t, ctx.browser);
  await gotoPage(page, ctx.server.url);
  const breaks = ['\n', '\r\n', '\r'];
  let text = '';
  for (let i = 0; text.length < 300_000; i++) text += `CREATE TABLE t${i} (id int PRIMARY KEY);${breaks[i % 3]}${i % 7 === 0 ? breaks[(i + 1) % 3] : ''}`;
  text += 'CREATE TABLE last (id int);\r';
  const same = await page.evaluate(async (text) => {
    window.fklint.load([{ name: 'big.sql', text }]);
    await window.fklint.idle();
    return window.fklint.editor.view.state.doc.toString() === text.replace(/\r\n?/g, '\n') && window.fklint.editor.view.state.doc.lines;
  }, text);
  assert.equal(same, text.split(/\r\n?|\n/).length);
});
