// Two wasm modules: the page and the widget check SQL with the SQL-only module and load the module with every
// front end (wasm-full-inline.js) only when a file needs it: a Drizzle schema (.ts), a Rails db/schema.rb.
// Each ORM file is checked twice: by the page's worker without the `tool` option, and as the page checks what
// is dropped on it (the layout detects the ORM project: `tool` auto).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkedPage, gotoPage, loadSources, shared } from './helpers.mjs';

const ctx = shared();

const fullLoaded = (log) => log.requests.some((r) => /\/wasm-full-inline\.js$|\/pkg\/fklint_full\.js$/.test(r));
const summarise = (result) => (result?.findings || []).map((f) => `${f.code} ${f.file} ${f.fix?.edits?.[0]?.replacement ?? ''}`);
const findings = async (page) => summarise(await page.evaluate(() => window.fklint.state.result));
/** A check by the page's worker (the module it picks, and its result). */
const workerCheck = async (page, sources) =>
  summarise((await page.evaluate((sources) => window.fklint.ask({ type: 'check', sources, options: { dialect: 'auto' } }), sources)).result);

const SQL = [{ name: '0001_init.sql', text: 'CREATE TABLE tenants (id integer PRIMARY KEY);\nCREATE TABLE orders (tenant_id integer REFERENCES tenant (id));\n' }];

const DRIZZLE = `import { pgTable, uuid, integer, text } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
});

export const posts = pgTable('posts', {
  id: integer('id').primaryKey(),
  ownerId: integer('owner_id').references(() => users.id),
});
`;

const RAILS = `ActiveRecord::Schema[7.1].define(version: 2024_01_01_000000) do
  create_table "tenants", force: :cascade do |t|
    t.string "name"
  end

  create_table "orders", force: :cascade do |t|
    t.integer "tenant_id"
  end

  add_foreign_key "orders", "tenant"
end
`;

test('SQL only: the page never loads the module with every front end', async (t) => {
  const { page, log } = await checkedPage(t, ctx.browser);
  await gotoPage(page, ctx.server.url);
  await loadSources(page, SQL);
  assert.deepEqual(await findings(page), ['FK101 0001_init.sql tenants']);
  assert.deepEqual(await workerCheck(page, SQL), ['FK101 0001_init.sql tenants']);
  assert.ok(log.requests.some((r) => r.endsWith('/wasm-inline.js')));
  assert.ok(!fullLoaded(log), log.requests.join('\n'));
});

test('a statement only sqlparser judges: the worker reruns the check in the module with every front end, as the CLI', async (t) => {
  const { page, log } = await checkedPage(t, ctx.browser);
  await gotoPage(page, ctx.server.url);
  assert.ok(!fullLoaded(log), 'not for the default example');
  const sources = [{ name: '0001_init.sql', text: 'CREATE TABLE tenants (id bigint PRIMARY KEY);\nFROBNICATE tenants;\n' }];
  const { result } = await page.evaluate((sources) => window.fklint.ask({ type: 'check', sources, options: { dialect: 'auto' } }), sources);
  assert.deepEqual(result.findings.map((f) => f.code), ['FK001'], JSON.stringify(result));
  assert.match(result.findings[0].message, /sqlparser knows \(sql parser error: /);
  assert.ok(fullLoaded(log), log.requests.join('\n'));
});

test('a Drizzle schema loads the module with every front end: FK201 with a Drizzle fix, TypeScript colours', async (t) => {
  const { page, log } = await checkedPage(t, ctx.browser);
  await gotoPage(page, ctx.server.url);
  assert.ok(!fullLoaded(log), 'not for the default example');
  assert.deepEqual(await workerCheck(page, [{ name: 'src/db/schema.ts', text: DRIZZLE }]), ["FK201 src/db/schema.ts uuid('owner_id')"]);
  assert.ok(fullLoaded(log), log.requests.join('\n'));
  await loadSources(page, [{ name: 'src/db/schema.ts', text: DRIZZLE }]);
  assert.deepEqual(await findings(page), ["FK201 src/db/schema.ts uuid('owner_id')"]);
  const keywords = await page.$$eval('#editor .tok-keyword', (els) => els.map((e) => e.textContent));
  assert.ok(keywords.includes('export') && keywords.includes('const'), keywords.join(','));
  // Back to SQL: the SQL module answers again, with the same findings as before.
  await loadSources(page, SQL);
  assert.deepEqual(await findings(page), ['FK101 0001_init.sql tenants']);
});

test('a Rails db/schema.rb: FK101 and FK202 with Ruby fixes, Ruby colours', async (t) => {
  const { page, log } = await checkedPage(t, ctx.browser);
  await gotoPage(page, ctx.server.url);
  assert.deepEqual((await workerCheck(page, [{ name: 'db/schema.rb', text: RAILS }])).sort(), ['FK101 db/schema.rb tenants', 'FK202 db/schema.rb bigint']);
  assert.ok(fullLoaded(log));
  await loadSources(page, [{ name: 'db/schema.rb', text: RAILS }]);
  assert.deepEqual((await findings(page)).sort(), ['FK101 db/schema.rb tenants', 'FK202 db/schema.rb bigint']);
  const strings = await page.$$eval('#editor .tok-string', (els) => els.map((e) => e.textContent));
  assert.ok(strings.includes('"tenants"'), strings.join(','));
});

const LARAVEL = `<?php

return new class extends Migration {
    public function up(): void
    {
        Schema::create('posts', function (Blueprint $table) {
            $table->id();
            $table->foreignId('user_id')->constrained(); # the author
        });
    }
};
`;

const PRISMA = `model User {
  id    String @id @db.Uuid
  posts Post[]
  @@map("users")
}
`;

test('a Laravel migration and a Prisma schema get colours of their own: PHP variables, Prisma keywords and attributes', async (t) => {
  const { page } = await checkedPage(t, ctx.browser);
  await gotoPage(page, ctx.server.url);
  const texts = (selector) => page.$$eval(selector, (els) => els.map((e) => e.textContent));
  await loadSources(page, [{ name: 'database/migrations/2024_01_01_000000_create_posts_table.php', text: LARAVEL }]);
  assert.ok((await texts('#editor .tok-variableName2')).includes('$table'));
  assert.ok((await texts('#editor .tok-comment')).includes('# the author'));
  assert.ok((await texts('#editor .tok-keyword')).includes('function'));
  await loadSources(page, [{ name: 'prisma/schema.prisma', text: PRISMA }]);
  assert.ok((await texts('#editor .tok-keyword')).includes('model'));
  assert.deepEqual((await texts('#editor .tok-meta')).sort(), ['@@map', '@db.Uuid', '@id']);
  assert.ok((await texts('#editor .tok-typeName')).includes('String'));
});

test('the widget: SQL widgets never load the second module; one named schema.prisma does, and checks it', async (t) => {
  const { page, log } = await checkedPage(t, ctx.browser, { viewport: { width: 1000, height: 800 } });
  await page.goto(new URL('docs-sample.html', ctx.server.url).href);
  await page.waitForFunction(() => document.getElementById('singular').result);
  assert.ok(!fullLoaded(log), log.requests.join('\n'));
  await page.evaluate(() => {
    const widget = document.createElement('fk-lint');
    widget.id = 'prisma';
    widget.setAttribute('name', 'schema.prisma');
    widget.setAttribute('readonly', '');
    widget.textContent = [
      'datasource db {', '  provider = "postgresql"', '  url      = env("DATABASE_URL")', '}', '',
      'model Tenant {', '  id     String  @id @db.Uuid', '  orders Order[]', '}', '',
      'model Order {', '  id       Int    @id @default(autoincrement())', '  tenantId Int',
      '  tenant   Tenant @relation(fields: [tenantId], references: [id])', '}', '',
    ].join('\n');
    document.body.prepend(widget);
    widget.scrollIntoView();
  });
  await page.waitForFunction(() => document.getElementById('prisma').result);
  const result = await page.evaluate(() => document.getElementById('prisma').result);
  assert.deepEqual(result.findings.map((f) => `${f.code} ${f.fix.edits[0].replacement}`), ['FK201 String @db.Uuid']);
  assert.ok(fullLoaded(log));
});
