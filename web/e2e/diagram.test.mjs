// The diagram on real schemas: musicbrainz (375 tables) opens on the neighbourhood of the selected finding, at
// most a few dozen tables with no overlapping boxes; a search box picks a table; the whole graph only when it
// stays readable; broken references and missing tables are marked; clicking a table lists its findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shared, checkedPage, gotoPage, idle, musicbrainzFiles } from './helpers.mjs';

const musicbrainz = musicbrainzFiles();

const ctx = shared();
const fresh = (t, options) => checkedPage(t, ctx.browser, options);

/** The screen rectangles of every table box drawn; asserts no two overlap. */
async function assertNoOverlap(page) {
  const boxes = await page.$$eval('#diagram .node', (nodes) => nodes.map((n) => {
    const r = n.querySelector('rect.box').getBoundingClientRect();
    return { id: n.dataset.id, x: r.x, y: r.y, w: r.width, h: r.height };
  }));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const overlap = a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;
      assert.ok(!overlap, `${a.id} and ${b.id} overlap: ${JSON.stringify([a, b])}`);
    }
  }
  return boxes;
}

async function showDiagram(page) {
  await page.click('#tab-diagram');
  await page.waitForSelector('#diagram svg.fk-graph');
  await page.waitForFunction(() => !document.getElementById('diagram').hasAttribute('aria-busy'));
}

test('musicbrainz: the diagram shows the neighbourhood of the selected finding, a few dozen tables, no overlaps', { skip: !musicbrainz && 'no corpus' }, async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, ctx.server.url);
  const files = musicbrainz;
  await page.evaluate(async (files) => {
    window.fklint.load(files);
    await window.fklint.idle();
  }, files);
  // Select a finding about a table (the first with a subject).
  const index = await page.evaluate(() => window.fklint.state.findings.findIndex((f) => f.subject?.table));
  assert.ok(index >= 0, 'musicbrainz has a finding about a table');
  const subject = await page.evaluate((i) => window.fklint.state.findings[i].subject.table, index);
  await page.locator('.finding-head').nth(await page.evaluate((i) => {
    const key = window.fklint.state.findings[i].key;
    return [...document.querySelectorAll('.finding')].findIndex((li) => li.dataset.key === key);
  }, index)).focus();
  await showDiagram(page);
  const labels = await page.$$eval('#diagram .node', (ns) => ns.map((n) => n.querySelector('text.label').textContent));
  t.diagnostic(`neighbourhood of ${subject}: ${labels.length} tables`);
  assert.ok(labels.length >= 2 && labels.length <= 36, `${labels.length} tables`);
  assert.ok(labels.includes(subject), `${subject} is drawn`);
  assert.ok(await page.locator('#diagram .node.focus', { hasText: subject }).count());
  await assertNoOverlap(page);
  assert.match(await page.textContent('#diagram-view'), /of 3\d\d tables: around/);
  // The whole graph is not offered: 375 tables are unreadable at once.
  assert.equal(await page.isDisabled('#diagram-whole'), true);

  // A table picked in the search box: its neighbourhood, focused on it.
  await page.fill('#diagram-search', 'artist');
  await page.dispatchEvent('#diagram-search', 'change');
  await page.waitForFunction(() => [...document.querySelectorAll('#diagram .node.focus text.label')].some((e) => e.textContent === 'artist'));
  const around = await page.$$eval('#diagram .node', (ns) => ns.length);
  assert.ok(around >= 2 && around <= 36, `${around} tables around artist`);
  await assertNoOverlap(page);
});

test('dotmac: the whole small graph, missing tables and broken references marked; a click lists a table\'s findings', async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, ctx.server.url);
  await showDiagram(page);
  assert.match(await page.textContent('#diagram-view'), /All \d+ tables/);
  const missing = await page.$$eval('#diagram .node.missing text.label', (ns) => ns.map((n) => n.textContent).sort());
  assert.deepEqual(missing, ['✕ tenant', '✕ user']);
  assert.ok((await page.$$('#diagram .edge.broken')).length >= 7);
  await assertNoOverlap(page);
  await page.locator('#diagram .node:not(.missing)', { has: page.locator('text.label', { hasText: /^orders$/ }) }).click();
  const panel = await page.textContent('#table-findings');
  assert.match(panel, /orders: \d+ findings/);
  assert.match(panel, /FK101/);
  // A finding listed there opens in the findings list.
  await page.locator('#table-findings button.link').first().click();
  assert.equal(await page.isHidden('#panel-diagram'), true);
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('finding-head')), true);
  await idle(page);
});
