// Runs in headless Chromium (browser.test.mjs): the package's ESM entry exactly as a page uses it, through an
// import map (`fklint` → node_modules/fklint/index.js), with init() fetching the .wasm via import.meta.url.
import init, { check, schema, rules, version, prepare, __fklint_panic_for_tests } from 'fklint';

const SEED =
  'CREATE TABLE tenants (id varchar(255) PRIMARY KEY);\n' +
  'CREATE TABLE orders (tenant_id integer REFERENCES tenant(id));\n';

// A Prisma schema: read by the second module (every front end), which only such a source makes the page fetch.
const PRISMA = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Tenant {
  id     String  @id @db.Uuid
  orders Order[]
}

model Order {
  id       Int    @id @default(autoincrement())
  tenantId Int
  tenant   Tenant @relation(fields: [tenantId], references: [id])
}
`;

const fetchedFull = () => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/fklint_full_bg.wasm'));

function ok(condition, message) {
  if (!condition) throw new Error(message);
}

const cases = [
  ['before init(), check() returns an error saying to call init()', async () => {
    const result = check(SEED);
    ok(/not initialised/.test(result.error?.message), JSON.stringify(result));
  }],
  ['init() fetches the .wasm next to the module and resolves', async () => {
    await init();
    await init();
  }],
  ['check(): the seed migration gives FK101 and FK201 with fixes', async () => {
    const report = check([{ name: '0001_init.sql', text: SEED }], { dialect: 'postgres' });
    const codes = report.findings.map((f) => f.code).sort().join(',');
    ok(codes === 'FK101,FK201', codes);
    for (const f of report.findings) ok(f.fix && f.fix.edits.length > 0 && /REFERENCES tenants/.test(f.fix.sql), JSON.stringify(f.fix));
    ok(Object.getPrototypeOf(report.findings[0]) === Object.prototype, 'plain objects');
  }],
  ['check(): UTF-16 columns index JavaScript strings after an emoji', async () => {
    const line = 'CREATE TABLE "😀" (id int PRIMARY KEY); CREATE TABLE orders (tenant_id int REFERENCES tenant (id));';
    const f = check(line).findings.find((x) => x.code === 'FK101');
    ok(f.column_utf16 === f.column + 1, JSON.stringify(f));
    ok(line.slice(f.column_utf16 - 1, f.end_column_utf16 - 1) === 'tenant', 'slice');
  }],
  ['bad calls return { error: { message } }', async () => {
    ok(/unknown dialect `oracle`/.test(check(SEED, { dialect: 'oracle' }).error.message), 'dialect');
    ok(/not undefined/.test(schema().error.message), 'sources');
  }],
  ['rules(), schema(), version()', async () => {
    ok(rules().some((r) => r.code === 'FK101' && r.docs.length > 0), 'rules');
    const fks = schema('CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (a_id int REFERENCES a);').foreign_keys;
    ok(fks.length === 1 && fks[0].name === 'b_a_id_fkey', JSON.stringify(fks));
    ok(/^\d+\.\d+\.\d+/.test(version()), version());
  }],
  ['a panic returns an internal error, and the module restarts on the main thread', async () => {
    for (let i = 0; i < 3; i++) {
      const failed = __fklint_panic_for_tests();
      ok(/^internal error: fklint panicked/.test(failed.error?.message), JSON.stringify(failed));
      const codes = check(SEED).findings.map((f) => f.code).sort().join(',');
      ok(codes === 'FK101,FK201', `after restart ${i}: ${codes}`);
    }
  }],
  ['SQL (and prepare() of SQL) never fetches the module with every front end', async () => {
    await prepare([{ name: '0001_init.sql', text: SEED }]);
    ok(check(SEED).findings.length === 2, 'SQL checked');
    ok(!fetchedFull(), performance.getEntriesByType('resource').map((e) => e.name).join(' '));
  }],
  ['a Prisma schema: check() says to prepare(); prepare() fetches the second module; FK201 with a Prisma fix', async () => {
    const sources = [{ name: 'schema.prisma', text: PRISMA }];
    ok(/await prepare\(sources, options\)/.test(check(sources).error?.message), JSON.stringify(check(sources)));
    await prepare(sources);
    ok(fetchedFull(), 'fetched fklint_full_bg.wasm');
    const report = check(sources);
    const codes = report.findings.map((f) => f.code).join(',');
    ok(codes === 'FK201', codes);
    ok(report.findings[0].fix.edits[0].replacement === 'String @db.Uuid', JSON.stringify(report.findings[0].fix));
    ok(check(SEED).findings.length === 2, 'SQL still checked');
  }],
  ['a statement only sqlparser judges: prepare() finds it; the module with every front end answers, as the CLI', async () => {
    const sources = [{ name: '0001_init.sql', text: 'CREATE TABLE tenants (id bigint PRIMARY KEY);\nFROBNICATE tenants;\n' }];
    await prepare(sources);
    const report = check(sources);
    ok(report.findings?.map((f) => f.code).join(',') === 'FK001', JSON.stringify(report));
    ok(/sqlparser knows \(sql parser error: /.test(report.findings[0].message), report.findings[0].message);
  }],
];

window.__fklintResults = (async () => {
  const results = [];
  for (const [name, run] of cases) {
    try {
      await run();
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, error: String(error && error.stack || error) });
    }
  }
  return results;
})();
