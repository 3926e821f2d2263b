'use strict';
// The behaviour every entry of the package must have (ESM, CommonJS, web build in Node, bundler build), as a
// list of [name, async fn]. `api` is the module namespace (check, schema, rules, version, default/init).
const assert = require('node:assert/strict');

const SEED =
  'CREATE TABLE tenants (id varchar(255) PRIMARY KEY);\n' +
  'CREATE TABLE orders (tenant_id integer REFERENCES tenant(id));\n';

const VALID =
  'CREATE TABLE tenants (id bigint PRIMARY KEY);\n' +
  'CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id bigint NOT NULL REFERENCES tenants (id));\n' +
  'CREATE INDEX ON orders (tenant_id);\n';

// A Prisma schema (read by the second module, the one with every front end): an Int column references a uuid key.
const PRISMA = [
  'datasource db {',
  '  provider = "postgresql"',
  '  url      = env("DATABASE_URL")',
  '}',
  '',
  'model Tenant {',
  '  id     String  @id @db.Uuid',
  '  orders Order[]',
  '}',
  '',
  'model Order {',
  '  id       Int    @id @default(autoincrement())',
  '  tenantId Int',
  '  tenant   Tenant @relation(fields: [tenantId], references: [id])',
  '}',
  '',
].join('\n');

// A statement no reader of fklint claims: only sqlparser judges it (here: not a statement), which the SQL-only
// module is built without, so the module with every front end (and sqlparser) answers, as the CLI does.
const UNCLAIMED = 'CREATE TABLE tenants (id bigint PRIMARY KEY);\nFROBNICATE tenants;\n';

/** Applies edits (UTF-8 byte offsets) to one source's text. */
function applyEdits(text, edits) {
  let bytes = Buffer.from(text, 'utf8');
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    bytes = Buffer.concat([bytes.subarray(0, edit.start), Buffer.from(edit.replacement, 'utf8'), bytes.subarray(edit.end)]);
  }
  return bytes.toString('utf8');
}

function isPlain(value) {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * @param api the imported module
 * @param options.version the expected version
 * @param options.restarts whether the entry makes a fresh instance after an internal error (all but bundler)
 */
function checks(api, { version, restarts = true, fullInput } = {}) {
  const init = typeof api.default === 'function' ? api.default : api.init;
  const list = [
    ['init() resolves and can be called again', async () => {
      await init();
      await init();
    }],
    ['a Prisma schema (the module with every front end, after prepare()): FK201 with a fix in Prisma syntax', async () => {
      const sources = [{ name: 'prisma/schema.prisma', text: PRISMA }];
      await api.prepare(sources, undefined, fullInput);
      const report = api.check(sources);
      assert.equal(report.summary.dialect, 'postgres');
      const [finding, ...others] = report.findings;
      assert.deepEqual(others, [], JSON.stringify(report.findings));
      assert.equal(finding.code, 'FK201');
      assert.equal(finding.file, 'prisma/schema.prisma');
      assert.match(applyEdits(PRISMA, finding.fix.edits), /tenantId String @db\.Uuid\n/);
      const fks = api.schema(sources).foreign_keys;
      assert.deepEqual(fks.map((fk) => [fk.table, fk.columns, fk.ref_table, fk.ref_columns]), [['Order', ['tenantId'], 'Tenant', ['id']]]);
      // SQL still goes to the SQL module, and gives the same answer as before.
      assert.deepEqual(api.check(SEED).findings.map((f) => f.code).sort(), ['FK101', 'FK201']);
    }],
    ['a statement only sqlparser judges (the module with every front end, after prepare()): FK001 as the CLI says it', async () => {
      const sources = [{ name: '0001_init.sql', text: UNCLAIMED }];
      await api.prepare(sources, undefined, fullInput);
      const report = api.check(sources);
      assert.deepEqual(report.findings.map((f) => [f.code, f.line]), [['FK001', 2]], JSON.stringify(report));
      assert.match(report.findings[0].message, /not a statement fklint or sqlparser knows \(sql parser error: /);
      assert.equal(report.summary.tables, 1);
      assert.deepEqual(api.schema(sources).tables.map((t) => t.name), ['tenants']);
    }],
    ['check(): the seed migration gives FK101 and FK201, each with an edit and forward SQL', async () => {
      const report = api.check([{ name: '0001_init.sql', text: SEED }]);
      assert.equal(report.version, 1);
      assert.deepEqual(report.findings.map((f) => f.code).sort(), ['FK101', 'FK201']);
      for (const finding of report.findings) {
        assert.equal(finding.severity, 'error');
        assert.equal(finding.file, '0001_init.sql');
        assert.ok(finding.fix.edits.length > 0);
        assert.match(finding.fix.sql, /REFERENCES tenants/);
      }
      const fk101 = report.findings.find((f) => f.code === 'FK101');
      assert.equal(fk101.name, 'missing-referenced-table');
      assert.equal(fk101.fix.edits[0].replacement, 'tenants');
      // PostgreSQL rejects the CREATE TABLE whose FK names `tenant`: only `tenants` exists afterwards.
      assert.deepEqual(report.summary, {
        files: 1, statements: 2, unparsed: 0, skipped: 0, tables: 1, foreign_keys: 0, suppressed: 0,
        dialect: 'postgres', detected: { dialect: 'postgres', confident: false, evidence: [] },
      });
    }],
    ['check(): applying every edit gives a migration without errors', async () => {
      const report = api.check([{ name: 'm.sql', text: SEED }]);
      const fixed = applyEdits(SEED, report.findings.flatMap((f) => f.fix.edits));
      assert.match(fixed, /tenant_id varchar\(255\) REFERENCES tenants\(id\)/);
      const again = api.check([{ name: 'm.sql', text: fixed }]);
      assert.deepEqual(again.findings.filter((f) => f.severity === 'error'), []);
    }],
    ['check(): results are plain JSON objects (null, not undefined or Map)', async () => {
      const report = api.check(SEED);
      assert.ok(isPlain(report) && isPlain(report.summary) && isPlain(report.findings[0]));
      assert.ok(isPlain(report.findings[0].fix) && isPlain(report.findings[0].related[0]));
      assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
      const keys = Object.keys(report.findings[0]).sort();
      assert.deepEqual(keys, ['code', 'column', 'column_utf16', 'end', 'end_column', 'end_column_utf16', 'end_line',
        'file', 'fix', 'line', 'message', 'name', 'referenced', 'related', 'severity', 'start', 'subject']);
      assert.ok(isPlain(report.findings[0].subject) && isPlain(report.findings[0].referenced));
    }],
    ['check(): a string is one source named input.sql; options may be omitted, null or {dialect}', async () => {
      for (const options of [undefined, null, {}, { dialect: 'postgres' }, { dialect: 'PostgreSQL' }, { dialect: 'auto' }]) {
        const report = api.check(SEED, options);
        assert.equal(report.findings.length, 2, JSON.stringify(report));
        assert.equal(report.findings[0].file, 'input.sql');
      }
    }],
    ['check(): the dialect is detected (summary.detected says why) unless given', async () => {
      const dump = 'CREATE TABLE `users` (`id` bigint unsigned NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB;';
      const report = api.check(dump);
      assert.equal(report.summary.dialect, 'mysql', JSON.stringify(report.summary));
      assert.equal(report.summary.detected.dialect, 'mysql');
      assert.ok(report.summary.detected.evidence.some((e) => e.marker === 'ENGINE=' && e.count === 1));
      const given = api.check(dump, { dialect: 'sqlite' });
      assert.equal(given.summary.dialect, 'sqlite');
      assert.equal('detected' in given.summary, false);
      assert.equal(api.check(SEED).summary.dialect, 'postgres');
    }],
    ['check(): UTF-16 columns count the emoji as two code units', async () => {
      const line = 'CREATE TABLE "😀" (id int PRIMARY KEY); CREATE TABLE orders (tenant_id int REFERENCES tenant (id));';
      const report = api.check([{ name: 'emoji.sql', text: `-- first\n${line}\n` }]);
      const f = report.findings.find((x) => x.code === 'FK101');
      assert.equal(f.line, 2);
      assert.equal(f.column_utf16, f.column + 1);
      assert.equal(f.end_column_utf16, f.end_column + 1);
      assert.equal(line.slice(f.column_utf16 - 1, f.end_column_utf16 - 1), 'tenant');
      assert.equal([...line].slice(f.column - 1, f.end_column - 1).join(''), 'tenant');
      for (const r of f.related) assert.equal(typeof r.column_utf16, 'number');
    }],
    ['check() and schema(): bad calls return { error: { message } } and never throw', async () => {
      const cases = [
        [[], /`sources` must be an array of \{ name, text \} objects or a string of SQL, not undefined/],
        [[42], /not a number/],
        [[{ name: 'a.sql', text: SEED }], /not an object/],
        [[[{ name: 'a.sql' }]], /`sources\[0\]` has no `text`/],
        [[[{ name: 7, text: '' }]], /`sources\[0\]\.name` must be a string, not a number/],
        [[SEED, { dialect: 'oracle' }], /unknown dialect `oracle`/],
        [[SEED, { target: 'mysql' }], /unknown target `mysql`/],
        [[SEED, { dialet: 'postgres' }], /unknown key `dialet`/],
        [[SEED, 'postgres'], /`options` must be an object/],
      ];
      for (const [args, pattern] of cases) {
        for (const fn of [api.check, api.schema]) {
          const result = fn(...args);
          assert.deepEqual(Object.keys(result), ['error'], JSON.stringify(result));
          assert.match(result.error.message, pattern);
        }
      }
    }],
    ['rules(): every rule with code, name, severity, summary and docs; FK101 among them', async () => {
      const rules = api.rules();
      assert.ok(rules.length >= 16);
      for (const rule of rules) {
        assert.deepEqual(Object.keys(rule).sort(), ['code', 'docs', 'name', 'severity', 'summary']);
        assert.match(rule.code, /^FK\d{3}$/);
      }
      const fk101 = rules.find((r) => r.code === 'FK101');
      assert.equal(fk101.name, 'missing-referenced-table');
      assert.equal(fk101.severity, 'error');
      assert.match(fk101.docs, /```sql/);
    }],
    ['schema(): tables and foreign keys with the names PostgreSQL gives them', async () => {
      const result = api.schema([{ name: '0001.sql', text: VALID }]);
      assert.equal(result.version, 1);
      assert.deepEqual(result.tables.map((t) => t.name).sort(), ['orders', 'tenants']);
      assert.equal(result.foreign_keys.length, 1);
      const fk = result.foreign_keys[0];
      assert.deepEqual(
        { name: fk.name, table: fk.table, columns: fk.columns, ref_table: fk.ref_table, ref_columns: fk.ref_columns, on_delete: fk.on_delete, file: fk.file },
        { name: 'orders_tenant_id_fkey', table: 'orders', columns: ['tenant_id'], ref_table: 'tenants', ref_columns: ['id'], on_delete: 'NO ACTION', file: '0001.sql' },
      );
    }],
    ['version(): the package version', async () => {
      assert.equal(api.version(), version);
    }],
    ['a large migration (2000 tables) is checked in well under a second per 1000 tables', async () => {
      let text = 'CREATE TABLE t0 (id bigint PRIMARY KEY);\n';
      for (let i = 1; i < 2000; i++) text += `CREATE TABLE t${i} (id bigint PRIMARY KEY, parent_id int REFERENCES t${i - 1} (id));\n`;
      const started = Date.now();
      const report = api.check(text);
      const elapsed = Date.now() - started;
      assert.equal(report.summary.tables, 2000);
      assert.ok(report.findings.some((f) => f.code === 'FK202'), 'int -> bigint drift is reported');
      assert.ok(elapsed < 2000, `took ${elapsed} ms`);
    }],
  ];
  if (restarts) {
    list.push(['an internal error (a panic) returns { error } and the next call gets a fresh instance', async () => {
      for (let i = 0; i < 3; i++) {
        const failed = api.__fklint_panic_for_tests();
        assert.deepEqual(Object.keys(failed), ['error']);
        assert.match(failed.error.message, /^internal error: fklint panicked: .*deliberate panic/s);
        const report = api.check(SEED);
        assert.deepEqual(report.findings.map((f) => f.code).sort(), ['FK101', 'FK201']);
        assert.equal(api.rules().find((r) => r.code === 'FK101').code, 'FK101');
      }
    }]);
  } else {
    list.push(['an internal error returns { error }, then every call says the module cannot restart', async () => {
      const failed = api.__fklint_panic_for_tests();
      assert.match(failed.error.message, /^internal error: fklint panicked/);
      assert.match(api.check(SEED).error.message, /cannot restart/);
      assert.throws(() => api.rules(), /cannot restart/);
    }]);
  }
  return list;
}

module.exports = { checks, SEED, PRISMA, applyEdits };
