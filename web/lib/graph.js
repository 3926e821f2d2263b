// The foreign key graph: tables as boxes, references as arrows, broken references marked.
// `layoutGraph` is pure (it runs in the worker); `renderGraph` builds the SVG with DOM calls (text is text).

const CHAR_W = 7.4; // width of one character of the 12px monospace font used in the diagram
const ROW_H = 18;
const HEAD_H = 24;
const PAD_X = 10;
const COL_GAP = 90;
const NODE_GAP = 18;
const DETAILED_MAX = 40; // above this many tables, boxes show only their name
const MAX_ROWS = 8;

const unquote = (s) => s.replace(/"([^"]*)"/g, '$1');
const qualified = (schema, name) => `${schema}.${name}`;

/** `orders.tenant_id` / `orders(a, b)` / `s.orders.col` → {table: 'orders' | 's.orders', columns: [...]}. */
function parseLabel(label) {
  const paren = /^(.*)\((.*)\)$/.exec(label);
  if (paren) return { table: unquote(paren[1]), columns: paren[2].split(',').map((c) => unquote(c.trim())) };
  const dot = label.lastIndexOf('.');
  if (dot <= 0) return null;
  return { table: unquote(label.slice(0, dot)), columns: [unquote(label.slice(dot + 1))] };
}

/** The broken references a finding describes, from its message (the contract has no structured fields). */
export function brokenReference(finding) {
  const m = finding.message || '';
  let match;
  if (finding.code === 'FK101' && (match = /^(.+?) references table `(.+?)`, which/.exec(m))) {
    return { code: finding.code, from: parseLabel(match[1]), to: unquote(match[2]), missing: true };
  }
  if (finding.code === 'FK105' && (match = /^(.+?) references `(.+?)`, which is only created later/.exec(m))) {
    return { code: finding.code, from: parseLabel(match[1]), to: unquote(match[2]), missing: false };
  }
  if (finding.code === 'FK201' && (match = /^`(.+?)` is .+? but `(.+?)`/.exec(m))) {
    const to = parseLabel(match[2]);
    return to && { code: finding.code, from: parseLabel(match[1]), to: to.table, toColumns: to.columns, missing: false };
  }
  if (finding.severity === 'error' && (match = /^(\S+) references (?:table )?`(.+?)`/.exec(m))) {
    return { code: finding.code, from: parseLabel(match[1]), to: unquote(match[2]), missing: false };
  }
  return null;
}

function textWidth(text) {
  return Math.ceil(text.length * CHAR_W);
}

/**
 * schema = {tables, foreign_keys} from schema(); findings from check(). Returns plain data:
 * {width, height, detailed, nodes: [{id, label, x, y, w, h, rows, missing}], edges: [{d, broken, title, code}],
 *  broken: [{text}], counts}.
 */
export function layoutGraph(schema, findings) {
  const tables = schema?.tables || [];
  const fks = schema?.foreign_keys || [];
  const detailed = tables.length <= DETAILED_MAX;
  // Names carry their schema unless it is public, or the one schema every table is in.
  const schemas = new Set(tables.map((t) => t.schema));
  const plainSchema = schemas.size === 1 ? [...schemas][0] : 'public';
  const nodes = new Map();
  const byName = new Map(); // bare name → ids (for unqualified labels)

  for (const t of tables) {
    const id = qualified(t.schema, t.name);
    const fkCols = new Set();
    for (const fk of fks) if (fk.schema === t.schema && fk.table === t.name) fk.columns.forEach((c) => fkCols.add(c));
    const pk = new Set(t.primary_key || []);
    const cols = (t.columns || []).filter((c) => pk.has(c.name) || fkCols.has(c.name));
    const rows = detailed
      ? cols.slice(0, MAX_ROWS).map((c) => ({
          name: c.name,
          text: `${pk.has(c.name) ? 'PK' : 'FK'} ${c.name} ${c.type}`,
          key: pk.has(c.name) ? 'pk' : 'fk',
        }))
      : [];
    if (detailed && cols.length > MAX_ROWS) rows.push({ name: '', text: `+${cols.length - MAX_ROWS} more`, key: 'more' });
    nodes.set(id, {
      id,
      label: t.schema === plainSchema ? t.name : id,
      sub: detailed ? `${(t.columns || []).length} columns` : '',
      rows,
      missing: false,
      out: new Set(),
      in: new Set(),
    });
    if (!byName.has(t.name)) byName.set(t.name, []);
    byName.get(t.name).push(id);
  }

  const resolve = (name) => {
    if (!name) return null;
    if (nodes.has(name) && !nodes.get(name).missing) return name;
    if (!name.includes('.')) {
      if (nodes.has(`public.${name}`)) return `public.${name}`;
      const ids = byName.get(name);
      if (ids?.length === 1) return ids[0];
    }
    return null;
  };

  const edges = [];
  for (const fk of fks) {
    const from = qualified(fk.schema, fk.table);
    const to = qualified(fk.ref_schema, fk.ref_table);
    if (!nodes.has(from) || !nodes.has(to)) continue;
    edges.push({
      from, to, fromCols: fk.columns, toCols: fk.ref_columns, broken: false, code: null,
      title: `${fk.name}: ${nodes.get(from).label}(${fk.columns.join(', ')}) → ${nodes.get(to).label}(${fk.ref_columns.join(', ')})`,
    });
  }

  // Broken references, from the findings: FK101 (a missing table, drawn as a dashed "ghost" box) and FK105 first,
  // so that an FK201 on the same columns (the type of the table it probably meant) joins that edge's title.
  const PRIORITY = { FK101: 0, FK105: 1 };
  const ordered = (findings || []).map((f, i) => [f, i]).sort(([a, i], [b, j]) => (PRIORITY[a.code] ?? 9) - (PRIORITY[b.code] ?? 9) || i - j);
  const broken = [];
  const byKey = new Map();
  for (const [f, index] of ordered) {
    const ref = brokenReference(f);
    if (!ref || !ref.from) continue;
    const from = resolve(ref.from.table);
    if (!from) continue;
    const key = `${from}|${ref.from.columns.join(',')}`;
    if (byKey.has(key)) {
      const entry = byKey.get(key);
      entry.edge.title += `; ${f.code} ${f.name}`;
      entry.item.text += `, ${f.code} ${f.name}`;
      continue;
    }
    let to = resolve(ref.to);
    if (ref.missing || !to) {
      to = `missing:${ref.to}`;
      if (!nodes.has(to)) {
        const meant = /did you mean `([^`]+)`/.exec(f.message || '');
        nodes.set(to, { id: to, label: ref.to, sub: meant ? `missing: ${meant[1]}?` : 'does not exist', rows: [], missing: true, out: new Set(), in: new Set() });
      }
    }
    const text = `${nodes.get(from).label}(${ref.from.columns.join(', ')}) → ${nodes.get(to).label}: ${f.code} ${f.name}`;
    const item = { text, code: f.code, file: f.file, line: f.line, index };
    broken.push(item);
    // An FK that schema() lists but a finding breaks: mark it instead of drawing it twice.
    let edge = edges.find((e) => e.from === from && e.to === to && e.fromCols.join() === ref.from.columns.join());
    if (edge) {
      edge.broken = true;
      edge.code = f.code;
      edge.title = text;
    } else {
      edge = { from, to, fromCols: ref.from.columns, toCols: ref.toColumns || [], broken: true, code: f.code, title: text };
      edges.push(edge);
    }
    byKey.set(key, { edge, item });
  }
  broken.sort((a, b) => a.index - b.index);
  const finalEdges = edges;

  // In detailed boxes, the columns of broken references get a row too (schema() has no FK for them).
  if (detailed) {
    const tableById = new Map(tables.map((t) => [qualified(t.schema, t.name), t]));
    for (const e of finalEdges) {
      if (!e.broken) continue;
      const n = nodes.get(e.from);
      const column = e.fromCols[0];
      if (!column || n.rows.some((r) => r.name === column)) continue;
      const type = tableById.get(e.from)?.columns?.find((c) => c.name === column)?.type || '';
      const more = n.rows.findIndex((r) => r.key === 'more');
      const row = { name: column, text: `FK ${column} ${type}`.trim(), key: 'fk broken' };
      if (more >= 0) n.rows.splice(more, 0, row);
      else n.rows.push(row);
    }
  }

  for (const e of finalEdges) {
    if (e.from === e.to) continue;
    nodes.get(e.from).out.add(e.to);
    nodes.get(e.to).in.add(e.from);
  }

  // Ranks: a referenced table sits left of the tables that reference it (cycles are cut where DFS meets them).
  const rank = new Map();
  const onStack = new Set();
  const rankOf = (id) => {
    if (rank.has(id)) return rank.get(id);
    onStack.add(id);
    let r = 0;
    for (const t of nodes.get(id).out) if (!onStack.has(t)) r = Math.max(r, rankOf(t) + 1);
    onStack.delete(id);
    rank.set(id, r);
    return r;
  };
  // Iterative guard against very deep chains: process in name order (recursion depth ≤ chain length).
  const ids = [...nodes.keys()].sort();
  for (const id of ids) rankOf(id);

  const isolated = ids.filter((id) => nodes.get(id).out.size === 0 && nodes.get(id).in.size === 0);
  const connected = ids.filter((id) => !isolated.includes(id));
  const maxRank = Math.max(0, ...connected.map((id) => rank.get(id)));
  const layers = Array.from({ length: maxRank + 1 }, () => []);
  for (const id of connected) layers[rank.get(id)].push(id);

  // Barycenter sweeps to reduce crossings.
  const pos = new Map();
  const index = () => layers.forEach((layer) => layer.forEach((id, i) => pos.set(id, i)));
  index();
  for (let sweep = 0; sweep < 4; sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? layers.map((_, i) => i) : layers.map((_, i) => layers.length - 1 - i);
    for (const r of order) {
      const key = (id) => {
        const n = nodes.get(id);
        const neighbours = [...(down ? n.out : n.in)].filter((x) => pos.has(x));
        if (!neighbours.length) return pos.get(id);
        return neighbours.reduce((a, x) => a + pos.get(x), 0) / neighbours.length;
      };
      const keys = new Map(layers[r].map((id) => [id, key(id)]));
      layers[r].sort((a, b) => keys.get(a) - keys.get(b));
      index();
    }
  }

  const size = (n) => {
    const w = Math.max(textWidth(n.label) + 2 * PAD_X + (n.missing ? 16 : 0), ...n.rows.map((r) => textWidth(r.text) + 2 * PAD_X), detailed ? 140 : 80);
    const h = HEAD_H + (n.sub ? ROW_H : 0) + n.rows.length * ROW_H + (n.rows.length || n.sub ? 6 : 0);
    n.w = w;
    n.h = h;
  };
  nodes.forEach(size);

  const perColumn = Math.max(10, Math.ceil(Math.sqrt(nodes.size) * 1.6));
  let x = 20;
  let height = 0;
  const placeColumn = (column, top) => {
    const w = Math.max(...column.map((id) => nodes.get(id).w));
    let y = top;
    for (const id of column) {
      const n = nodes.get(id);
      n.x = x;
      n.y = y;
      y += n.h + NODE_GAP;
    }
    height = Math.max(height, y);
    x += w + COL_GAP;
  };
  for (const layer of layers) {
    for (let i = 0; i < layer.length; i += perColumn) placeColumn(layer.slice(i, i + perColumn), 20);
  }
  let width = x;
  // Tables with no references at all: a grid below.
  if (isolated.length) {
    const top = height + 30;
    const cols = Math.max(1, Math.floor(Math.max(width, 900) / 220));
    const colW = Math.max(...isolated.map((id) => nodes.get(id).w)) + 24;
    let rowTop = top;
    for (let i = 0; i < isolated.length; i += cols) {
      const row = isolated.slice(i, i + cols);
      let rowH = 0;
      row.forEach((id, k) => {
        const n = nodes.get(id);
        n.x = 20 + k * colW;
        n.y = rowTop;
        rowH = Math.max(rowH, n.h);
      });
      rowTop += rowH + NODE_GAP;
    }
    width = Math.max(width, 20 + Math.min(cols, isolated.length) * colW);
    height = rowTop;
  }

  const rowY = (n, cols, side) => {
    const i = cols?.length ? n.rows.findIndex((r) => r.name === cols[0]) : -1;
    if (i >= 0) return n.y + HEAD_H + (n.sub ? ROW_H : 0) + i * ROW_H + ROW_H / 2 + 3;
    return n.y + HEAD_H / 2 + (side || 0);
  };
  const paths = finalEdges.map((e) => {
    const a = nodes.get(e.from);
    const b = nodes.get(e.to);
    const y1 = rowY(a, e.fromCols);
    const y2 = rowY(b, e.toCols);
    let d;
    if (a === b) {
      const xr = a.x + a.w;
      d = `M${xr} ${y1} C${xr + 40} ${y1 - 20}, ${xr + 40} ${a.y - 10}, ${xr - 20} ${a.y}`;
    } else if (b.x + b.w < a.x) {
      const x1 = a.x;
      const x2 = b.x + b.w;
      const dx = Math.max(30, (x1 - x2) / 2);
      d = `M${x1} ${y1} C${x1 - dx} ${y1}, ${x2 + dx} ${y2}, ${x2} ${y2}`;
    } else {
      const x1 = a.x + a.w;
      const x2 = b.x + b.w;
      const out = Math.max(x1, x2) + 50;
      d = `M${x1} ${y1} C${out} ${y1}, ${out} ${y2}, ${x2} ${y2}`;
    }
    return { d, broken: e.broken, code: e.code, title: e.title };
  });

  return {
    width: Math.ceil(width + 40),
    height: Math.ceil(height + 20),
    detailed,
    nodes: [...nodes.values()].map(({ id, label, sub, rows, missing, x, y, w, h }) => ({ id, label, sub, rows, missing, x, y, w, h })),
    edges: paths,
    broken,
    counts: { tables: tables.length, references: paths.filter((p) => !p.broken).length, broken: broken.length },
  };
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function el(doc, tag, attrs, text) {
  const e = doc.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The SVG of a layout (from layoutGraph), scaled by `zoom`. */
export function renderGraph(layout, { doc = document, zoom = 1 } = {}) {
  const svg = el(doc, 'svg', {
    class: 'fk-graph',
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    width: Math.round(layout.width * zoom),
    height: Math.round(layout.height * zoom),
    role: 'img',
    'aria-label': `Foreign key diagram: ${layout.counts.tables} tables, ${layout.counts.references} references, ${layout.counts.broken} broken`,
  });
  const defs = el(doc, 'defs');
  for (const [id, cls] of [['fk-arrow', 'arrow'], ['fk-arrow-broken', 'arrow broken']]) {
    const marker = el(doc, 'marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.append(el(doc, 'path', { d: 'M0 0 L10 5 L0 10 z', class: cls }));
    defs.append(marker);
  }
  svg.append(defs);
  const edgeGroup = el(doc, 'g', { class: 'edges' });
  for (const e of layout.edges) {
    const g = el(doc, 'g', { class: e.broken ? 'edge broken' : 'edge' });
    g.append(el(doc, 'title', {}, e.title));
    g.append(el(doc, 'path', { d: e.d, 'marker-end': `url(#${e.broken ? 'fk-arrow-broken' : 'fk-arrow'})` }));
    edgeGroup.append(g);
  }
  const nodeGroup = el(doc, 'g', { class: 'nodes' });
  for (const n of layout.nodes) {
    const g = el(doc, 'g', { class: n.missing ? 'node missing' : 'node', transform: `translate(${n.x} ${n.y})` });
    g.append(el(doc, 'title', {}, n.missing ? `${n.label}: referenced, but does not exist` : n.label));
    g.append(el(doc, 'rect', { class: 'box', width: n.w, height: n.h, rx: 5 }));
    g.append(el(doc, 'rect', { class: 'head', width: n.w, height: 24, rx: 5 }));
    g.append(el(doc, 'text', { class: 'label', x: 10, y: 16 }, n.missing ? `✕ ${n.label}` : n.label));
    let y = 24;
    if (n.sub) {
      g.append(el(doc, 'text', { class: 'sub', x: 10, y: y + 13 }, n.sub));
      y += 18;
    }
    for (const r of n.rows) {
      g.append(el(doc, 'text', { class: `row ${r.key}`, x: 10, y: y + 13 }, r.text));
      y += 18;
    }
    nodeGroup.append(g);
  }
  svg.append(edgeGroup, nodeGroup);
  return svg;
}
