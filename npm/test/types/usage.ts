// Compiled (not run) by types.test.mjs with `tsc --noEmit` against the installed package: moduleResolution
// "bundler" (browser code). The same calls are in usage.mts / usage.cts for Node.js ESM and CommonJS.
import init, { check, initSync, rules, schema, version } from 'fklint';
import type { Dialect, DialectDetection, DialectEvidence, Edit, ErrorResult, Finding, Fix, Options, Report, RuleInfo, SchemaReport, Severity, Source, Summary } from 'fklint';

export async function main(wasmBytes: Uint8Array, module: WebAssembly.Module): Promise<string[]> {
  await init();
  await init(new URL('https://example.invalid/fklint_wasm_bg.wasm'));
  await init({ module_or_path: fetch('/fklint_wasm_bg.wasm') });
  initSync(wasmBytes);
  initSync({ module });

  const sources: Source[] = [{ name: '0001.sql', text: 'CREATE TABLE t (id int PRIMARY KEY);' }];
  const options: Options = { dialect: 'postgres' };
  const auto: Options = { dialect: 'auto', target: 'mariadb-10.11' };
  void auto;
  const split: Options = { databases: [{ name: 'main', files: ['001.sql'] }], idsFrom: { 'posts.author_id': 'main' } };
  void split;
  const byName: Options = { databases: { main: ['001.sql'] }, rules: { FK404: 'off', 'key-type-drift': 'error' }, searchPath: ['app'], platform: 'none', tool: 'sqlx', foreignKeyChecks: false };
  void byName;
  const result: Report | ErrorResult = check(sources, options);
  check('CREATE TABLE t (id int);');
  check(sources, null);
  if ('error' in result) return [result.error.message];

  const summary: Summary = result.summary;
  const dialect: Dialect = summary.dialect;
  const detected: DialectDetection | undefined = summary.detected;
  const evidence = detected ? detected.evidence.map((e: DialectEvidence) => `${e.dialect} ${e.marker} ×${e.count}`) : [];
  void dialect; void evidence;
  const lines = result.findings.map((finding: Finding) => {
    const severity: Severity = finding.severity;
    const fix: Fix | null = finding.fix;
    const edits: Edit[] = fix ? fix.edits : [];
    const sql: string | null = fix ? fix.sql : null;
    const related = finding.related.map((r) => `${r.file}:${r.line}:${r.column_utf16} ${r.message}`);
    return `${severity}[${finding.code}] ${finding.name} ${finding.file}:${finding.line}:${finding.column_utf16}-${finding.end_column_utf16} ` +
      `${finding.start}..${finding.end} ${edits.length} ${sql ?? ''} ${related.join(',')} ${summary.foreign_keys}`;
  });

  const tables: SchemaReport | ErrorResult = schema(sources);
  if (!('error' in tables)) {
    for (const fk of tables.foreign_keys) lines.push(`${fk.name}: ${fk.columns.join()} -> ${fk.ref_table}(${fk.ref_columns.join()}) ${fk.on_delete} ${fk.deferrable}`);
    for (const table of tables.tables) lines.push(`${table.schema}.${table.name} ${table.columns.map((c) => `${c.name} ${c.type} ${c.nullable}`)}`);
  }
  const list: RuleInfo[] = rules();
  lines.push(...list.map((r) => `${r.code} ${r.name} ${r.severity} ${r.summary} ${r.docs.length}`), version());

  // @ts-expect-error: sources are { name, text } objects or a string
  check(42);
  // @ts-expect-error: a dialect fklint does not know
  check('x', { dialect: 'oracle' });
  // @ts-expect-error: a target is a MySQL, MariaDB or PostgreSQL 13-18 server version
  check('x', { target: 'postgres-12' });
  // @ts-expect-error: `exclude` chooses files on disk: fklint.toml's only
  check('x', { exclude: ['legacy'] });
  // @ts-expect-error: a rule level is off, info, warning or error
  check('x', { rules: { FK404: 'loud' } });
  // @ts-expect-error: the options spell keys in camelCase
  check('x', { search_path: ['app'] });
  // @ts-expect-error: a report may be an ErrorResult until narrowed
  check('x').findings;
  return lines;
}
