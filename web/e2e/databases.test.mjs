// Databases on the page: each file tab has a database name; files with the same name are one PostgreSQL
// database, checked on its own (FK303 when a foreign key reaches into another); names render as text, and a
// share link keeps them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, startServer, gotoPage, foreignRequests, idle } from './helpers.mjs';

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

const AUTH = 'CREATE SCHEMA auth;\nCREATE TABLE auth.users (id uuid PRIMARY KEY);\n';
const APP = 'CREATE TABLE posts (\n  id int PRIMARY KEY,\n  author_id uuid REFERENCES auth.users (id)\n);\n';
const codes = (page) => page.evaluate(() => (window.fklint.state.result?.findings || []).map((f) => `${f.code} ${f.severity}`));

async function setDatabase(page, tab, name) {
  await page.click(`#file-tab-${tab}`);
  await page.fill('#file-database', name);
  await idle(page);
}

test('grouping files into databases turns a reference into another database into FK303', async (t) => {
  const { context, page, log } = await openPage(browser);
  t.after(() => context.close());
  await gotoPage(page, server.url);
  await page.evaluate(async (files) => {
    window.fklint.load(files);
    await window.fklint.idle();
  }, [{ name: '001_auth.sql', text: AUTH }, { name: '002_app.sql', text: APP }]);
  assert.ok(!(await codes(page)).some((c) => c.startsWith('FK303')), 'one database: auth.users exists');

  await setDatabase(page, 0, 'auth');
  // 002_app.sql is in no named database: a database of its own, without auth.users.
  assert.ok((await codes(page)).includes('FK303 error'), (await codes(page)).join(', '));
  await setDatabase(page, 1, 'app');
  assert.deepEqual((await codes(page)).filter((c) => c.startsWith('FK303') || c.startsWith('FK101')), ['FK303 error']);
  const message = await page.locator('.group.error .finding-head').first().textContent();
  assert.match(message, /only database `auth` defines/);
  assert.deepEqual(await page.$$eval('.tab-database', (els) => els.map((e) => e.textContent)), ['auth', 'app']);

  // The same database for both: one database again.
  await setDatabase(page, 1, 'auth');
  assert.ok(!(await codes(page)).some((c) => c.startsWith('FK303')));

  // A hostile database name is text, in the tab and in the message.
  const hostile = '<img src=x onerror=alert(1)>';
  await setDatabase(page, 0, hostile);
  assert.deepEqual(await page.$$eval('.tab-database', (els) => els.map((e) => e.textContent)), [hostile, 'auth']);
  const head = await page.locator('.group.error .finding-head').first().textContent();
  assert.ok(head.includes(hostile), head);
  assert.equal(await page.$$eval('#file-tabs img, #findings img', (els) => els.length), 0);

  // A share link keeps the databases.
  await page.click('#share');
  await page.waitForFunction(() => document.getElementById('share-url').value);
  const url = await page.inputValue('#share-url');
  const { context: other, page: reopened } = await openPage(browser);
  t.after(() => other.close());
  await gotoPage(reopened, url);
  assert.deepEqual(await reopened.evaluate(() => window.fklint.state.files.map((f) => f.database)), [hostile, 'auth']);

  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.dialogs, []);
  assert.deepEqual(log.cspViolations, []);
  assert.deepEqual(foreignRequests(log.requests), []);
});
