// A tiny stand-in for the wasm-bindgen `--target web` output of crates/fklint-wasm (same exports, same JSON
// shapes), used only while developing the page before web/pkg/ exists. Never shipped: build-web.sh copies it
// only with FKLINT_WEB_FAKE=1. Its "analysis" is a regex toy: REFERENCES to a table not created before.
const enc = new TextEncoder();
const bytes = (s) => enc.encode(s).length;

export default async function init() {}
export function initSync() {}
export function version() { return '0.0.0-dev-fake'; }

export function rules() {
  return [
    { code: 'FK101', name: 'missing-referenced-table', severity: 'error',
      summary: 'REFERENCES names a table that does not exist at that point.',
      docs: '## What it does\nFinds `REFERENCES` clauses whose table does not exist.\n\n## Example\n```sql expect_diagnostic\nCREATE TABLE orders (tenant_id int REFERENCES tenant (id));\n```\n' },
    { code: 'FK404', name: 'unindexed-foreign-key', severity: 'info',
      summary: "No index starts with the foreign key's columns.", docs: '## What it does\nAdvice: index FK columns.\n' },
  ];
}

function norm(name) {
  const parts = name.split('.').map((p) => (p.startsWith('"') ? p.slice(1, -1) : p.toLowerCase()));
  return parts.length === 1 ? 'public.' + parts[0] : parts.join('.');
}

function loc(text, start, end) {
  const before = text.slice(0, start);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const col16 = start - lineStart + 1;
  const seg = text.slice(start, end);
  return {
    line, column: [...text.slice(lineStart, start)].length + 1, column_utf16: col16,
    end_line: line, end_column: [...text.slice(lineStart, end)].length + 1, end_column_utf16: end - lineStart + 1,
    start: bytes(before), end: bytes(before) + bytes(seg),
  };
}

function analyse(sources) {
  const created = new Map(); const findings = []; const fks = []; const tables = [];
  for (const src of sources) {
    const text = String(src.text);
    const events = [];
    for (const m of text.matchAll(/create\s+table\s+(?:if\s+not\s+exists\s+)?([\w."]+)\s*\(/gi)) events.push({ kind: 't', m });
    for (const m of text.matchAll(/references\s+([\w."]+)/gi)) events.push({ kind: 'r', m });
    events.sort((a, b) => a.m.index - b.m.index);
    let current = null;
    for (const { kind, m } of events) {
      const name = norm(m[1]);
      const at = m.index + m[0].indexOf(m[1]);
      if (kind === 't') {
        current = name;
        const [schema, tname] = name.split('.');
        created.set(name, { file: src.name, ...loc(text, at, at + m[1].length) });
        tables.push({ schema, name: tname, columns: [{ name: 'id', type: 'integer', nullable: false }], primary_key: ['id'], unique: [], file: src.name, line: loc(text, at, at).line });
        continue;
      }
      const l = loc(text, at, at + m[1].length);
      if (created.has(name)) {
        const [schema, table] = (current || 'public.?').split('.');
        const [ref_schema, ref_table] = name.split('.');
        fks.push({ schema, table, name: `${table}_fkey`, columns: ['?'], ref_schema, ref_table, ref_columns: ['id'], on_delete: 'NO ACTION', on_update: 'NO ACTION', deferrable: false, file: src.name, line: l.line });
        continue;
      }
      const base = name.split('.')[1];
      const guess = [base + 's', base.replace(/s$/, '')].map((n) => 'public.' + n).find((n) => n !== name && created.has(n));
      const related = guess ? [{ message: `\`${guess.split('.')[1]}\` is created here`, file: created.get(guess).file, ...created.get(guess) }] : [];
      findings.push({
        code: 'FK101', name: 'missing-referenced-table', severity: 'error',
        message: `${(current || '?').split('.')[1]}.? references table \`${m[1]}\`, which does not exist at this point${guess ? `; did you mean \`${guess.split('.')[1]}\`?` : '.'} PostgreSQL rejects the statement (42P01).`,
        file: src.name, ...l, related,
        fix: guess ? { title: `Reference \`${guess.split('.')[1]}\` instead of \`${m[1]}\``, edits: [{ file: src.name, start: l.start, end: l.end, replacement: guess.split('.')[1] }], sql: `-- fake forward fix\nALTER TABLE ${(current || '?')} ADD FOREIGN KEY (x) REFERENCES ${guess} (id);` } : null,
      });
    }
  }
  return { findings, fks, tables };
}

export function check(sources, options) {
  if (!Array.isArray(sources)) return { error: { message: 'sources must be an array of {name, text}' } };
  const { findings } = analyse(sources);
  const statements = sources.reduce((n, s) => n + (String(s.text).match(/;/g) || []).length, 0);
  const { tables, fks } = analyse(sources);
  return { version: 1, findings, summary: { files: sources.length, statements, unparsed: 0, skipped: 0, tables: tables.length, foreign_keys: fks.length } };
}

export function schema(sources, options) {
  if (!Array.isArray(sources)) return { error: { message: 'sources must be an array of {name, text}' } };
  const { tables, fks } = analyse(sources);
  return { version: 1, tables, foreign_keys: fks };
}
