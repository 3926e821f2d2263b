// The <fk-lint> docs widget on the sample docs page: renders findings inline, loads lazily, re-checks edits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, startServer, foreignRequests } from './helpers.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function docsPage(t) {
  const opened = await openPage(browser, { viewport: { width: 1000, height: 800 } });
  t.after(async () => {
    assert.deepEqual(opened.log.pageErrors, []);
    assert.deepEqual(opened.log.consoleErrors, []);
    assert.deepEqual(opened.log.dialogs, []);
    assert.deepEqual(opened.log.cspViolations, []);
    assert.deepEqual(foreignRequests(opened.log.requests), []);
    await opened.context.close();
  });
  await opened.page.goto(new URL('docs-sample.html', server.url).href);
  return opened;
}

const shadowText = (page, id, selector) =>
  page.evaluate(([id, selector]) => [...document.getElementById(id).shadowRoot.querySelectorAll(selector)].map((e) => e.textContent), [id, selector]);

test('the widget renders the SQL and its findings inline on the sample docs page', async (t) => {
  const { page } = await docsPage(t);
  await page.waitForFunction(() => document.getElementById('singular').result);
  const result = await page.evaluate(() => document.getElementById('singular').result);
  assert.deepEqual(result.findings.map((f) => f.code), ['FK101']);
  const items = await shadowText(page, 'singular', 'li');
  assert.equal(items.length, 1);
  assert.match(items[0], /FK101.*references table `tenant`.*Fix: Reference `tenants` instead of `tenant`/s);
  const value = await page.evaluate(() => document.getElementById('singular').editor.getText());
  assert.match(value, /^CREATE TABLE tenants \(id varchar\(255\) PRIMARY KEY\);\nCREATE TABLE orders \(/, 'dedented');
  // The finding is a squiggle at its exact range, and the SQL is coloured.
  assert.deepEqual(await shadowText(page, 'singular', '.cm-lintRange-error'), ['tenant']);
  assert.ok((await shadowText(page, 'singular', '.tok-keyword')).includes('REFERENCES'));
  assert.equal(await page.evaluate(() => document.getElementById('singular').shadowRoot.querySelector('.cm-content').getAttribute('aria-readonly')), 'true');
  assert.match((await shadowText(page, 'singular', '.status'))[0], /1 finding, 1 error/);
});

test('the widget loads lazily: a block below the fold is checked only once scrolled into view', async (t) => {
  const { page } = await docsPage(t);
  await page.waitForFunction(() => document.getElementById('singular').result);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.getElementById('lazy').result), undefined);
  assert.deepEqual(await shadowText(page, 'lazy', '.status'), ['not checked yet']);
  await page.evaluate(() => document.getElementById('lazy').scrollIntoView());
  await page.waitForFunction(() => document.getElementById('lazy').result);
  const codes = await page.evaluate(() => document.getElementById('lazy').result.findings.map((f) => f.code));
  assert.deepEqual(codes, ['FK105']);
});

test('an editable widget re-checks as you type', async (t) => {
  const { page } = await docsPage(t);
  await page.waitForFunction(() => document.getElementById('editable').result);
  const before = await page.evaluate(() => document.getElementById('editable').result.findings.map((f) => f.code));
  assert.deepEqual(before, ['FK201']);
  const value = await page.evaluate(() => document.getElementById('editable').editor.getText());
  const at = value.indexOf('integer');
  await page.evaluate(([a, b]) => document.getElementById('editable').editor.select(a, b), [at, at + 'integer'.length]);
  await page.keyboard.insertText('uuid');
  await page.waitForFunction(() => document.getElementById('editable').result.findings.length === 0);
  assert.match((await shadowText(page, 'editable', '.status'))[0], /no findings/);
});

test('the widget needs one script tag and no fetch of the wasm', async (t) => {
  const { page, log } = await docsPage(t);
  await page.waitForFunction(() => document.getElementById('singular').result);
  const scripts = await page.$$eval('script[src]', (s) => s.map((e) => e.getAttribute('src')));
  assert.deepEqual(scripts, ['fk-lint.js']);
  assert.ok(!log.requests.some((r) => r.endsWith('.wasm')));
  assert.ok(log.requests.some((r) => r.endsWith('/wasm-inline.js')));
});

test('an editable widget offers the edit fix in the hover of its squiggle, applies it in place, and re-checks', async (t) => {
  const { page } = await docsPage(t);
  await page.waitForFunction(() => document.getElementById('editable').result?.findings.length === 1);
  const squiggle = page.locator('#editable .cm-lintRange-warning, #editable .cm-lintRange-error').first();
  await squiggle.scrollIntoViewIfNeeded();
  const box = await squiggle.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const diagnostic = page.locator('#editable .cm-tooltip .cm-diagnostic').first();
  await diagnostic.waitFor();
  assert.match(await diagnostic.textContent(), /^FK201: /);
  await diagnostic.locator('.cm-diagnosticAction').first().click();
  await page.waitForFunction(() => document.getElementById('editable').result.findings.length === 0);
  assert.match(await page.evaluate(() => document.getElementById('editable').value), /approved_by uuid REFERENCES users/);
  // Undo reaches back across the fix.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.getElementById('editable').result.findings.length === 1);
});
