// Hostile input renders as text: identifiers, comments and file names carrying markup or </script> never
// become elements, never run, never open a dialog. On the page (typed, shared by link) and in the widget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, startServer, gotoPage, foreignRequests, idle } from './helpers.mjs';
import { encodeState } from '../lib/share.js';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '</script><script>alert(2)</script>';
const SQL = `-- ${SCRIPT} ${IMG}
/* <svg onload=alert(3)> */
CREATE TABLE "${IMG}" (id int PRIMARY KEY);
CREATE TABLE "</script>" (
    id int PRIMARY KEY,
    owner int REFERENCES "<img src=y onerror=alert(4)>" (id),
    "<b onmouseover=alert(5)>x</b>" int REFERENCES "${IMG}" (nope)
);
`;
const NAME = `${IMG}</script>.sql`;

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

async function hostile(t) {
  const opened = await openPage(browser);
  await opened.page.addInitScript(() => {
    window.__fkInjected = [];
    for (const name of ['alert', 'confirm', 'prompt']) {
      window[name] = (...args) => window.__fkInjected.push([name, ...args]);
    }
  });
  t.after(async () => {
    assert.deepEqual(opened.log.dialogs, [], 'no dialog opened');
    assert.deepEqual(opened.log.pageErrors, []);
    assert.deepEqual(foreignRequests(opened.log.requests), []);
    assert.ok(!opened.log.requests.some((r) => /\/x$|\/y$/.test(r)), 'no <img src=x> was ever loaded');
    await opened.context.close();
  });
  return opened;
}

async function assertInert(page) {
  const report = await page.evaluate(() => {
    const all = [document, ...[...document.querySelectorAll('fk-lint')].map((e) => e.shadowRoot).filter(Boolean)];
    const count = (sel) => all.reduce((n, root) => n + root.querySelectorAll(sel).length, 0);
    return {
      img: count('img'),
      svgInjected: count('svg[onload], [onerror], [onload], [onmouseover]'),
      b: count('b'),
      inlineScripts: count('script:not([src]):not([type="text/sql"])'),
      injected: window.__fkInjected,
    };
  });
  assert.deepEqual(report, { img: 0, svgInjected: 0, b: 0, inlineScripts: 0, injected: [] });
}

test('typed SQL with markup in identifiers and comments renders as text', async (t) => {
  const { page } = await hostile(t);
  await gotoPage(page, server.url);
  await page.evaluate(() => window.fklint.load([{ name: 'x.sql', text: '' }]));
  await idle(page);
  await page.click('#editor .cm-content');
  await page.keyboard.insertText(SQL);
  await idle(page);
  const messages = await page.$$eval('.finding .message', (ms) => ms.map((m) => m.textContent));
  assert.ok(messages.some((m) => m.includes('<img src=y onerror=alert(4)>')), messages.join('\n'));
  // Open every finding (related locations, fixes, rule docs) and the diagram, which show the names too.
  for (const head of await page.$$('.finding-head')) await head.click();
  for (const summary of await page.$$('details.rule summary')) await summary.click();
  await page.click('#tab-diagram');
  await page.waitForSelector('svg.fk-graph');
  const svgText = await page.$eval('svg.fk-graph', (s) => s.textContent);
  assert.ok(svgText.includes(IMG) || svgText.includes('</script>'), 'the names are drawn as SVG text');
  assert.ok((await page.$eval('#editor .cm-content', (l) => l.textContent)).includes(SCRIPT));
  await page.waitForTimeout(300);
  await assertInert(page);
});

test('a share link carrying hostile SQL and file names renders as text', async (t) => {
  const { page } = await hostile(t);
  const fragment = await encodeState({ dialect: 'postgres', active: 0, files: [{ name: NAME, text: SQL }] });
  await gotoPage(page, `${server.url}#${fragment}`);
  assert.equal(await page.$eval('.file-tab', (e) => e.title), NAME);
  assert.ok((await page.$eval('.file-tab', (e) => e.textContent)).includes(NAME));
  const locs = await page.$$eval('.finding .loc', (ls) => ls.map((l) => l.textContent));
  assert.ok(locs.length && locs.every((l) => l.startsWith(NAME)), locs.join(','));
  for (const head of await page.$$('.finding-head')) await head.click();
  await page.waitForTimeout(300);
  await assertInert(page);
});

test('the widget renders hostile SQL as text', async (t) => {
  const { page } = await hostile(t);
  await page.goto(new URL('docs-sample.html', server.url).href);
  await page.evaluate((sql) => {
    const el = document.createElement('fk-lint');
    el.id = 'hostile';
    el.setAttribute('name', '<img src=x onerror=alert(6)>.sql');
    const script = document.createElement('script');
    script.type = 'text/sql';
    script.textContent = sql;
    el.append(script);
    document.querySelector('main').prepend(el);
  }, SQL);
  await page.waitForFunction(() => document.getElementById('hostile').result);
  const text = await page.evaluate(() => document.getElementById('hostile').shadowRoot.textContent);
  assert.ok(text.includes('<img src=y onerror=alert(4)>'));
  assert.ok(text.includes('<img src=x onerror=alert(6)>.sql'));
  await page.waitForTimeout(300);
  await assertInert(page);
});
