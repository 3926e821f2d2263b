// The page: a pasted seed incident shows its findings and fixes; copy, download, share links, files in
// migration order, keyboard use, themes, the CSP; and no request leaves 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, startServer, gotoPage, foreignRequests, idle } from './helpers.mjs';

const examplesDir = new URL('../../examples/', import.meta.url);
const exampleSql = (name) => {
  const dir = new URL(`${name}/`, examplesDir);
  const files = ['dotmac-platform', 'engarde-seed-data'].includes(name)
    ? { 'dotmac-platform': ['0001_tenants_and_users.sql', '0002_sales.sql', '0003_deployments.sql'], 'engarde-seed-data': ['0001_7456be403827_initial_migration.sql', '0002_b1c2d3e4f5a6_brands.sql', '0003_seed_demo_data.sql'] }[name]
    : [];
  return files.map((f) => readFileSync(new URL(f, dir), 'utf8')).join('\n');
};

let server;
let browser;
const allRequests = [];

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function fresh(t, options) {
  const opened = await openPage(browser, options);
  t.after(async () => {
    allRequests.push(...opened.log.requests);
    assert.deepEqual(opened.log.pageErrors, [], 'no uncaught errors');
    assert.deepEqual(opened.log.dialogs, [], 'no dialogs');
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

const headTexts = (page, severity) => page.$$eval(`.group.${severity} .finding-head`, (els) => els.map((e) => e.textContent));

test('the page opens with the dotmac example and its fourteen errors', async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, server.url);
  assert.equal(await page.$eval('#example', (e) => e.value), 'dotmac-platform');
  assert.equal((await page.$$('.file-tab')).length, 3);
  const errors = await headTexts(page, 'error');
  // 14 roots and one consequence: deployment_executions references deployment_instances, whose CREATE TABLE
  // PostgreSQL rejects.
  assert.equal(errors.length, 15);
  assert.equal(errors.filter((t) => t.includes('FK101')).length, 8);
  assert.equal(errors.filter((t) => t.includes('FK201')).length, 7);
  assert.match(await page.textContent('#status'), /15 errors/);
  assert.match(await page.textContent('#version'), /\d+\.\d+\.\d+/);
});

test('pasting a seed incident shows its findings, highlighted, with both fix forms and the rule docs', async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, server.url);
  await paste(page, exampleSql('dotmac-platform'));
  const errors = await headTexts(page, 'error');
  assert.equal(errors.length, 15, errors.join('\n'));
  const first = page.locator('.finding', { hasText: 'FK101' }).first();
  assert.match(await first.textContent(), /references table `tenant`.*did you mean `tenants`/);
  await first.locator('.finding-head').click();
  const detail = first.locator('.detail');
  assert.match(await detail.textContent(), /`tenants` is created here/);
  assert.match(await detail.locator('h4', { hasText: 'Fix:' }).textContent(), /Reference `tenants` instead of `tenant`/);
  assert.match(await detail.locator('pre.before').textContent(), /REFERENCES tenant \(id\)/);
  assert.match(await detail.locator('pre.after').textContent(), /REFERENCES tenants \(id\)/);
  assert.match(await detail.locator('pre.sql').textContent(), /^CREATE TABLE orders \(/);
  // The rule's explanation, rendered from its Markdown.
  await detail.locator('details.rule summary').click();
  assert.ok(await detail.locator('.rule-docs h5', { hasText: 'What it does' }).count());
  assert.ok(await detail.locator('.rule-docs figure.md-code pre').count());
  // Its location is highlighted in the editor.
  const active = await page.$$eval('#editor .fk-active', (ms) => ms.map((m) => m.textContent).join(''));
  assert.equal(active, 'tenant');
  const marks = await page.$$eval('#editor .cm-lintRange-error', (ms) => ms.length);
  assert.ok(marks >= 7, `error marks in view: ${marks}`);

  // The second seed: the table that was never created, and seed rows for brands that were never inserted.
  await paste(page, exampleSql('engarde-seed-data'));
  const seeding = await headTexts(page, 'error');
  assert.equal(seeding.length, 4, seeding.join('\n'));
  assert.equal(seeding.filter((text) => /FK101.*tenant_users\.role_id references table `tenant_roles`/.test(text)).length, 1);
  assert.equal(seeding.filter((text) => /FK501/.test(text)).length, 3);
});

test('a pasted Supabase migration is checked with the platform preset: the three user-table warnings', async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, server.url);
  // The baseline alone, without the example's auth stub: auth.users comes from the detected preset.
  const baseline = readFileSync(new URL('band-app-mixed-users/20251106000000_baseline_schema.sql', examplesDir), 'utf8');
  await paste(page, baseline);
  assert.match(await page.textContent('#summary'), /platform: supabase/);
  assert.deepEqual(await headTexts(page, 'error'), []);
  const warnings = await headTexts(page, 'warning');
  assert.equal(warnings.filter((text) => /FK301/.test(text)).length, 6, warnings.join('\n'));
  assert.equal(warnings.filter((text) => /FK304/.test(text)).length, 1, warnings.join('\n'));
  assert.equal(warnings.filter((text) => /FK305/.test(text)).length, 1, warnings.join('\n'));
});

test('each example of the menu loads and is checked', async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, server.url);
  const ids = await page.$$eval('#example option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.deepEqual(ids, ['dotmac-platform', 'tripwire-cross-database', 'engarde-seed-data', 'band-app-mixed-users', 'audit-missing-user-sync', 'dotmac-models', 'laravel-mysql-shop', 'sqlite-blog']);
  for (const id of ids) {
    await page.selectOption('#example', id);
    await idle(page);
    const summary = await page.textContent('#summary');
    assert.match(summary, /\d+ tables?, \d+ foreign keys?/, id);
    assert.ok((await page.$$('.file-tab')).length >= 2, id);
  }
});

test('copy buttons put the fix on the clipboard', async (t) => {
  const { page, context } = await fresh(t);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  await gotoPage(page, server.url);
  const finding = page.locator('.finding', { hasText: 'FK201' }).first();
  await finding.locator('.finding-head').click();
  const sql = await finding.locator('pre.sql').textContent();
  await finding.getByRole('button', { name: 'Copy forward SQL' }).click();
  await page.waitForFunction(() => window.fklint.copied.length > 0);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), sql);
  assert.equal(await page.evaluate(() => window.fklint.copied.at(-1)), sql);
  await finding.getByRole('button', { name: 'Copy edited lines' }).click();
  await page.waitForFunction(() => window.fklint.copied.length > 1);
  const edited = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(edited, /tenant_id\s+VARCHAR\(255\) REFERENCES tenant \(id\),/);
});

test('"download fix migration" saves every forward fix once, in finding order', async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, server.url);
  const fixes = await page.evaluate(() => window.fklint.state.findings.filter((f) => f.fix?.sql).map((f) => f.fix.sql.trim()));
  const distinct = [...new Set(fixes)];
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-fix')]);
  assert.equal(download.suggestedFilename(), 'fklint-forward-fixes.sql');
  const text = readFileSync(await download.path(), 'utf8');
  let at = -1;
  for (const sql of distinct) {
    const i = text.indexOf(sql);
    assert.ok(i > at, `in order: ${sql.slice(0, 40)}`);
    assert.equal(text.indexOf(sql, i + 1), -1, `once: ${sql.slice(0, 40)}`);
    at = i;
  }
  assert.equal((text.match(/CREATE TABLE orders \(/g) || []).length, 1);
  assert.match(text, /^-- Forward fixes from fklint/);
  assert.match(text, /-- FK101 missing-referenced-table at 0002_sales\.sql:5:39/);
});

test('a share link reproduces the input and the findings in a new page', async (t) => {
  const { page, context } = await fresh(t);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  await gotoPage(page, server.url);
  await page.selectOption('#example', 'engarde-seed-data');
  await idle(page);
  await page.click('#file-tab-2');
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('\n-- edited before sharing: ünïcödé ✓\n');
  await idle(page);
  const before = await page.evaluate(() => ({
    files: window.fklint.state.files,
    active: window.fklint.state.active,
    findings: window.fklint.state.findings.map((f) => `${f.code} ${f.file}:${f.line}`),
  }));
  await page.click('#share');
  await page.waitForFunction(() => document.getElementById('share-url').value);
  const url = await page.inputValue('#share-url');
  assert.match(url, /#z=[A-Za-z0-9_-]+$/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
  // The fragment is never sent: the server only ever saw the path.
  const second = await fresh(t);
  await gotoPage(second.page, url);
  const afterState = await second.page.evaluate(() => ({
    files: window.fklint.state.files,
    active: window.fklint.state.active,
    findings: window.fklint.state.findings.map((f) => `${f.code} ${f.file}:${f.line}`),
  }));
  assert.deepEqual(afterState, before);
  assert.equal(await second.page.$eval('#file-tab-2', (e) => e.getAttribute('aria-selected')), 'true');
  assert.ok(second.log.requests.every((r) => !r.includes('z=')), 'the share data is not in any request');
});

test('dropped files and a chosen folder run in natural migration order', async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, server.url);
  // Several files dropped at once.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    const add = (name, text) => dt.items.add(new File([text], name, { type: 'application/sql' }));
    add('10_orders.sql', 'CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id));\n');
    add('2_users.sql', 'CREATE TABLE users (id int PRIMARY KEY);\n');
    add('1_schema.sql', '-- nothing yet\n');
    document.getElementById('dropzone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => window.fklint.state.files.length === 3 && window.fklint.state.files[0].name === '1_schema.sql');
  await idle(page);
  assert.deepEqual(await page.$$eval('.file-tab', (ts) => ts.map((t) => t.title)), ['1_schema.sql', '2_users.sql', '10_orders.sql']);
  assert.equal(await page.$$eval('.group.error .finding', (fs) => fs.length), 0, 'users is created before orders');

  // A folder (webkitdirectory input): relative paths, only *.sql, natural order.
  const dir = mkdtempSync(join(tmpdir(), 'fklint-web-'));
  const root = join(dir, 'migrations');
  mkdirSync(join(root, 'v2'), { recursive: true });
  writeFileSync(join(root, '10_comments.sql'), 'CREATE TABLE comments (id int PRIMARY KEY, post_id int REFERENCES posts (id));\n');
  writeFileSync(join(root, '9_posts.sql'), 'CREATE TABLE posts (id int PRIMARY KEY);\n');
  writeFileSync(join(root, 'v2', '1_later.sql'), 'CREATE TABLE later (id int PRIMARY KEY, c int REFERENCES comments (id));\n');
  writeFileSync(join(root, 'README.md'), '# not SQL\n');
  await page.setInputFiles('#folder-input', root);
  await page.waitForFunction(() => window.fklint.state.files.some((f) => f.name.endsWith('1_later.sql')));
  await idle(page);
  assert.deepEqual(await page.$$eval('.file-tab', (ts) => ts.map((t) => t.title)), ['migrations/9_posts.sql', 'migrations/10_comments.sql', 'migrations/v2/1_later.sql']);
  assert.equal(await page.$$eval('.group.error .finding', (fs) => fs.length), 0);
});

test('the findings are reachable and navigable by keyboard', async (t) => {
  const { page } = await fresh(t);
  await gotoPage(page, server.url);
  // Tab order starts at the skip link, then the controls.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'example');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  const first = page.locator('.finding-head').first();
  await first.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('.finding-head')].indexOf(document.activeElement)), 1);
  await page.keyboard.press('End');
  const count = await page.locator('.finding-head').count();
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('.finding-head')].indexOf(document.activeElement)), count - 1);
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  assert.equal(await first.getAttribute('aria-expanded'), 'true');
  // Focusing a finding in another file switches the editor to that file and marks it.
  const other = page.locator('.finding-head', { hasText: '0003_deployments.sql' }).first();
  await other.focus();
  assert.equal(await page.$eval('.file-tab[aria-selected="true"]', (e) => e.title), '0003_deployments.sql');
  assert.ok(await page.locator('#editor .fk-active').count());
});

test('light and dark themes: the system preference and the toggle', async (t) => {
  const dark = await fresh(t, { colorScheme: 'dark' });
  await gotoPage(dark.page, server.url);
  const bg = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const darkBg = await bg(dark.page);
  const { page } = await fresh(t, { colorScheme: 'light' });
  await gotoPage(page, server.url);
  const lightBg = await bg(page);
  assert.notEqual(darkBg, lightBg);
  await page.click('#theme'); // auto → light
  await page.click('#theme'); // light → dark
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await bg(page), darkBg);
  await page.reload();
  await page.waitForFunction(() => window.fklint);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'the choice is kept');
});

test('the CSP forbids connections, and the wasm is never fetched', async (t) => {
  const { page, log } = await fresh(t);
  const response = await page.goto(server.url);
  await page.waitForFunction(() => window.fklint);
  await page.evaluate(() => window.fklint.ready);
  const header = response.headers()['content-security-policy'];
  const meta = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert.equal(header, meta);
  assert.match(meta, /connect-src 'none'/);
  assert.match(meta, /script-src 'self' 'wasm-unsafe-eval'/);
  const blocked = await page.evaluate(async () => {
    try {
      await fetch('/index.html');
      return false;
    } catch {
      return true;
    }
  });
  assert.equal(blocked, true, 'fetch is blocked by connect-src');
  await page.waitForTimeout(300);
  assert.ok(log.cspViolations.some((v) => v.startsWith('connect-src')));
  log.cspViolations.length = 0; // that violation was the point
  assert.equal(await page.$$eval('script:not([src])', (s) => s.length), 0, 'no inline scripts');
  assert.ok(!log.requests.some((r) => r.endsWith('.wasm')), 'the .wasm file is not requested');
  await idle(page);
});

test('no request in any of these tests left 127.0.0.1', () => {
  assert.ok(allRequests.length > 20, `${allRequests.length} requests recorded`);
  assert.deepEqual(foreignRequests(allRequests), []);
});
