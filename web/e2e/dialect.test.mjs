// The dialect picker: Auto detects the dialect of pasted SQL and says why; a chosen dialect re-checks and is
// remembered like the theme; the <fk-lint> widget reads its `dialect` attribute. No request leaves 127.0.0.1.
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

async function fresh(t) {
  const opened = await openPage(browser);
  t.after(async () => {
    assert.deepEqual(opened.log.pageErrors, [], 'no uncaught errors');
    assert.deepEqual(opened.log.cspViolations, [], 'no CSP violations');
    assert.deepEqual(foreignRequests(opened.log.requests), [], 'every request goes to 127.0.0.1');
    await opened.context.close();
  });
  return opened;
}

/** Replaces the input with one empty file and types (inserts) `sql` into it, as a paste does. */
async function paste(page, sql) {
  await page.evaluate(() => window.fklint.load([{ name: 'pasted.sql', text: '' }]));
  await idle(page);
  await page.click('#editor .cm-content');
  await page.keyboard.insertText(sql);
  await page.waitForFunction((n) => window.fklint.state.files[0].text.length === n, sql.length);
  await idle(page);
}

const MYSQL_DUMP = `-- MySQL dump 10.13
/*!40101 SET NAMES utf8mb4 */;
CREATE TABLE \`users\` (
  \`id\` bigint unsigned NOT NULL AUTO_INCREMENT,
  \`email\` varchar(255) NOT NULL,
  PRIMARY KEY (\`id\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE \`orders\` (
  \`id\` bigint unsigned NOT NULL AUTO_INCREMENT,
  \`user_id\` int NOT NULL,
  PRIMARY KEY (\`id\`),
  CONSTRAINT \`orders_user_id_foreign\` FOREIGN KEY (\`user_id\`) REFERENCES \`users\` (\`id\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
`;

/** The dialect the last check result was computed as. */
const checkedAs = (page) => page.evaluate(() => window.fklint.state.result?.summary?.dialect);

test('Auto detects a pasted MySQL dump and shows the evidence; choosing SQLite re-checks', async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, server.url);
  assert.equal(await page.$eval('#dialect', (e) => e.value), 'auto');
  // The default example is PostgreSQL.
  assert.match(await page.textContent('#dialect-detected'), /^Detected: PostgreSQL/);

  await paste(page, MYSQL_DUMP);
  assert.equal(await checkedAs(page), 'mysql');
  const detected = page.locator('#dialect-detected');
  assert.equal(await detected.isVisible(), true);
  assert.match(await detected.textContent(), /^Detected: MySQL \(/);
  const title = await detected.getAttribute('title');
  assert.match(title, /MySQL: ENGINE= ×2/);
  assert.match(title, /MySQL: backtick identifier ×\d+/);
  assert.match(await page.textContent('#summary'), /· MySQL/);

  // Choosing a dialect re-checks at once, and the "Detected" note goes away (nothing was detected).
  await page.selectOption('#dialect', 'sqlite');
  await page.waitForFunction(() => window.fklint.state.result?.summary?.dialect === 'sqlite');
  await idle(page);
  assert.equal(await checkedAs(page), 'sqlite');
  assert.equal(await detected.isVisible(), false);
  assert.match(await page.textContent('#summary'), /· SQLite/);
});

test('the chosen dialect is remembered across visits, and Auto forgets it', async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, server.url);
  await page.selectOption('#dialect', 'mysql');
  await page.waitForFunction(() => window.fklint.state.result?.summary?.dialect === 'mysql');
  await gotoPage(page, server.url);
  assert.equal(await page.$eval('#dialect', (e) => e.value), 'mysql');
  await idle(page);
  assert.equal(await checkedAs(page), 'mysql');
  await page.selectOption('#dialect', 'auto');
  await page.waitForFunction(() => window.fklint.state.result?.summary?.dialect === 'postgres');
  await gotoPage(page, server.url);
  assert.equal(await page.$eval('#dialect', (e) => e.value), 'auto');
  // A stored value that is no dialect is ignored.
  await page.evaluate(() => localStorage.setItem('fklint-dialect', '<img src=x onerror=alert(1)>'));
  await gotoPage(page, server.url);
  assert.equal(await page.$eval('#dialect', (e) => e.value), 'auto');
});

test('the MySQL and SQLite examples are detected as such', async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, server.url);
  for (const [id, dialect, name] of [['laravel-mysql-shop', 'mysql', 'MySQL'], ['sqlite-blog', 'sqlite', 'SQLite']]) {
    await page.selectOption('#example', id);
    await idle(page);
    assert.equal(await checkedAs(page), dialect, id);
    assert.match(await page.textContent('#dialect-detected'), new RegExp(`^Detected: ${name} \\(`), id);
  }
});

test('evidence is rendered as text, never as HTML', async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, server.url);
  await paste(page, 'CREATE TABLE `<img src=x onerror=alert(1)>` (id int AUTO_INCREMENT) ENGINE=InnoDB;');
  assert.equal(await page.$$eval('#dialect-detected *', (els) => els.length), 0);
  assert.equal(await page.$$eval('img[src="x"]', (els) => els.length), 0);
});

test('the widget reads its dialect attribute: auto by default, a given one otherwise', async (t) => {
  const { page } = await fresh(t);
  await page.goto(new URL('docs-sample.html', server.url).href);
  const result = await page.evaluate(async (sql) => {
    const results = {};
    for (const dialect of [null, 'sqlite']) {
      const widget = document.createElement('fk-lint');
      if (dialect) widget.setAttribute('dialect', dialect);
      const script = document.createElement('script');
      script.type = 'text/sql';
      script.textContent = sql;
      widget.append(script);
      document.body.prepend(widget);
      const detail = await new Promise((resolve) => {
        widget.addEventListener('fklint-result', (e) => resolve(e.detail), { once: true });
        widget.scrollIntoView();
      });
      results[dialect || 'default'] = detail.summary?.dialect;
    }
    return results;
  }, MYSQL_DUMP);
  assert.deepEqual(result, { default: 'mysql', sqlite: 'sqlite' });
});
