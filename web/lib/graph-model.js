// The foreign key graph as data, before any layout: tables from schema(), references from its foreign keys, and
// broken references from the findings' structured fields (`subject`: the referencing table and columns,
// `referenced`: the table it points at and whether it exists), never from their messages. Pure: runs in the worker.

/** Where a table id starts: `schema.table`, prefixed `database:` when the check names databases. */
export const tableId = (schema, table) => `${schema}.${table}`;

/**
 * schema: {tables, foreign_keys} (schemas already tagged with their database, see worker.js); findings from
 * check(); databaseOf(file) → the database a finding's file belongs to ('' for none).
 * Returns {nodes: Map id → node, edges: [edge], broken: [item]}:
 *   node = {id, label, schema, columns, primaryKey, fkColumns: Set, missing, rejected, findings: [finding index]}
 *   edge = {from, to, fromCols, toCols, broken, codes: [code], title, findings: [index]}
 *   item = {text, code, file, line, index, from, to}
 */
export function buildModel(schema, findings = [], databaseOf = () => '') {
  const tables = schema?.tables || [];
  const schemas = new Set(tables.map((t) => t.schema));
  // Names carry their schema unless it is public, or the one schema every table is in.
  const plainSchema = schemas.size === 1 ? [...schemas][0] : 'public';
  const labelOf = (schemaName, table) => (schemaName === plainSchema ? table : `${schemaName}.${table}`);
  const nodes = new Map();
  for (const t of tables) {
    const id = tableId(t.schema, t.name);
    nodes.set(id, {
      id,
      label: labelOf(t.schema, t.name),
      columns: t.columns || [],
      primaryKey: t.primary_key || [],
      fkColumns: new Set(),
      missing: false,
      findings: [],
    });
  }
  const edges = [];
  const edgeKey = (from, to, cols) => `${from}|${to}|${cols.join(',')}`;
  const byKey = new Map();
  for (const fk of schema?.foreign_keys || []) {
    const from = tableId(fk.schema, fk.table);
    const to = tableId(fk.ref_schema, fk.ref_table);
    if (!nodes.has(from) || !nodes.has(to)) continue;
    fk.columns.forEach((c) => nodes.get(from).fkColumns.add(c));
    const edge = {
      from, to, fromCols: fk.columns, toCols: fk.ref_columns, broken: false, codes: [], findings: [],
      title: `${fk.name}: ${nodes.get(from).label}(${fk.columns.join(', ')}) → ${nodes.get(to).label}(${fk.ref_columns.join(', ')})`,
    };
    edges.push(edge);
    byKey.set(edgeKey(from, to, fk.columns), edge);
  }

  const broken = [];
  // A table the findings are about that schema() does not list: the server rejected its CREATE TABLE (an FK to a
  // missing table, say). The user wrote it, so it is drawn, with its broken references, marked as rejected.
  findings.forEach((f) => {
    const subject = f.subject;
    if (!subject?.table) return;
    const database = databaseOf(f.file);
    const tag = (s) => (database ? `${database}:${s}` : s);
    const id = tableId(tag(subject.schema), subject.table);
    if (nodes.has(id)) return;
    nodes.set(id, {
      id, label: labelOf(tag(subject.schema), subject.table), columns: [], primaryKey: [], fkColumns: new Set(),
      missing: false, rejected: true, findings: [],
    });
  });
  findings.forEach((f, index) => {
    const subject = f.subject;
    if (!subject?.table) return;
    const database = databaseOf(f.file);
    const tag = (s) => (database ? `${database}:${s}` : s);
    const from = tableId(tag(subject.schema), subject.table);
    if (!nodes.has(from)) return;
    nodes.get(from).findings.push(index);
    const ref = f.referenced;
    if (!ref?.table) return;
    let to = tableId(tag(ref.schema), ref.table);
    if (nodes.has(to) && !nodes.get(to).missing) nodes.get(to).findings.push(index);
    // A reference a finding reports as broken: any error or warning about it, or one to a table that is not there.
    const isBroken = f.severity !== 'info' || ref.exists === false;
    if (!isBroken) return;
    if (!nodes.has(to)) {
      const id = `missing:${to}`;
      if (!nodes.has(id)) {
        nodes.set(id, { id, label: labelOf(tag(ref.schema), ref.table), columns: [], primaryKey: [], fkColumns: new Set(), missing: true, findings: [] });
      }
      to = id;
      nodes.get(id).findings.push(index);
    }
    const cols = subject.columns || [];
    cols.forEach((c) => nodes.get(from).fkColumns.add(c));
    const key = edgeKey(from, to, cols);
    let edge = byKey.get(key);
    const text = `${nodes.get(from).label}(${cols.join(', ')}) → ${nodes.get(to).label}: ${f.code} ${f.name}`;
    if (edge && edge.codes.length) {
      // One reference, several findings (FK101 and the FK201 of the table it probably meant): one edge, one item.
      edge.codes.push(f.code);
      edge.findings.push(index);
      edge.title += `; ${f.code} ${f.name}`;
      edge.item.text += `, ${f.code} ${f.name}`;
      return;
    }
    const item = { text, code: f.code, file: f.file, line: f.line, index, from, to };
    broken.push(item);
    if (edge) {
      // An FK that schema() lists but a finding breaks: mark it instead of drawing it twice.
      Object.assign(edge, { broken: true, codes: [f.code], findings: [index], title: text, item });
    } else {
      edge = { from, to, fromCols: cols, toCols: ref.columns || [], broken: true, codes: [f.code], findings: [index], title: text, item };
      edges.push(edge);
      byKey.set(key, edge);
    }
  });
  return { nodes, edges, broken };
}

/**
 * The tables around `focus` (ids): their references out and in, hop by hop up to `hops`, broken references
 * first, at most `limit` tables. Returns {ids: Set, hidden: number of neighbours left out}.
 */
export function neighbourhood(model, focus, { hops = 2, limit = 36 } = {}) {
  const adjacent = new Map();
  for (const e of model.edges) {
    for (const [a, b] of [[e.from, e.to], [e.to, e.from]]) {
      if (!adjacent.has(a)) adjacent.set(a, []);
      adjacent.get(a).push({ id: b, broken: e.broken });
    }
  }
  const ids = new Set(focus.filter((id) => model.nodes.has(id)));
  let frontier = [...ids];
  let hidden = 0;
  for (let hop = 0; hop < hops && frontier.length; hop++) {
    const next = [];
    const candidates = frontier.flatMap((id) => adjacent.get(id) || []);
    candidates.sort((a, b) => Number(b.broken) - Number(a.broken));
    for (const c of candidates) {
      if (ids.has(c.id) || next.includes(c.id)) continue;
      if (ids.size + next.length >= limit) {
        hidden++;
        continue;
      }
      next.push(c.id);
    }
    next.forEach((id) => ids.add(id));
    frontier = next;
  }
  return { ids, hidden };
}

/** The table a diagram opens on when nothing is selected: the source of the first broken reference, else the most connected. */
export function defaultFocus(model) {
  if (model.broken.length) return [model.broken[0].from];
  const degree = new Map();
  for (const e of model.edges) for (const id of [e.from, e.to]) degree.set(id, (degree.get(id) || 0) + 1);
  const best = [...degree].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return best ? [best[0]] : [...model.nodes.keys()].slice(0, 1);
}

/** The tables a finding is about (its subject and what it references), as ids of the model. */
export function findingFocus(model, index) {
  const ids = [];
  for (const n of model.nodes.values()) if (n.findings.includes(index)) ids.push(n.id);
  return ids;
}
