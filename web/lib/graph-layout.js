// The diagram's layout, in the worker: which tables to show (the neighbourhood of a finding or table, or the
// whole graph when it stays readable) and where, with dagre's layered layout (from npm, bundled into
// dist/lib/graph-layout.js by scripts/build-web.sh). Returns plain data that lib/graph.js draws.
import { Graph, layout as dagreLayout } from '@dagrejs/dagre';
import { buildModel, neighbourhood, defaultFocus, findingFocus } from './graph-model.js';

const CHAR_W = 7.4; // width of one character of the 12px monospace font used in the diagram
const ROW_H = 18;
const HEAD_H = 24;
const PAD_X = 10;
const DETAILED_MAX = 40; // above this many tables shown, boxes show only their name
const MAX_ROWS = 8;
/** Above this many tables the whole graph is not drawn: no layout keeps it readable. */
export const WHOLE_MAX = 60;
/** At most this many tables around a focus. */
export const NEIGHBOURHOOD_MAX = 36;

const textWidth = (text) => Math.ceil(text.length * CHAR_W);

/**
 * schema, findings: as buildModel takes them. view: {focus: [table id] | null, finding: index | null,
 * whole: boolean, hops}. Returns {width, height, detailed, mode, focus, hidden, nodes, edges, broken, counts, tables}.
 */
export function layoutGraph(schema, findings, view = {}, databaseOf = () => '') {
  const model = buildModel(schema, findings, databaseOf);
  const total = model.nodes.size;
  let focus = view.focus?.filter((id) => model.nodes.has(id)) || [];
  if (!focus.length && Number.isInteger(view.finding)) focus = findingFocus(model, view.finding);
  const whole = (view.whole || (!focus.length && total <= WHOLE_MAX / 2)) && total <= WHOLE_MAX;
  let shown;
  let hidden = 0;
  if (whole) {
    shown = new Set(model.nodes.keys());
  } else {
    if (!focus.length) focus = defaultFocus(model);
    ({ ids: shown, hidden } = neighbourhood(model, focus, { hops: view.hops ?? 2, limit: NEIGHBOURHOOD_MAX }));
  }
  const nodes = [...shown].map((id) => model.nodes.get(id));
  const edges = model.edges.filter((e) => shown.has(e.from) && shown.has(e.to));
  const detailed = nodes.length <= DETAILED_MAX;
  for (const n of nodes) sizeNode(n, detailed, edges);
  place(nodes, edges);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const paths = edges.map((e) => ({ d: edgePath(e, byId), broken: e.broken, code: e.codes[0] || null, title: e.title }));
  const width = Math.max(0, ...nodes.map((n) => n.x + n.w)) + 20;
  const height = Math.max(0, ...nodes.map((n) => n.y + n.h)) + 20;
  return {
    width: Math.ceil(width),
    height: Math.ceil(height),
    detailed,
    mode: whole ? 'whole' : 'neighbourhood',
    focus: whole ? [] : focus,
    hidden,
    wholeAllowed: total <= WHOLE_MAX,
    nodes: nodes.map(({ id, label, sub, rows, missing, rejected, x, y, w, h, findings: f }) => ({ id, label, sub, rows, missing, rejected, x, y, w, h, findings: f, focus: focus.includes(id) })),
    edges: paths,
    broken: model.broken.map(({ text, code, file, line, index }) => ({ text, code, file, line, index })),
    counts: {
      tables: [...model.nodes.values()].filter((n) => !n.missing).length,
      shown: nodes.length,
      references: model.edges.filter((e) => !e.broken).length,
      broken: model.broken.length,
    },
    tables: [...model.nodes.values()].map((n) => ({ id: n.id, label: n.label, missing: n.missing })).sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)),
  };
}

/** The box of a table: its name, and (detailed) its key and FK columns, the broken ones too. */
function sizeNode(n, detailed, edges) {
  const pk = new Set(n.primaryKey);
  const brokenCols = new Set(edges.filter((e) => e.broken && e.from === n.id).flatMap((e) => e.fromCols));
  const cols = n.columns.filter((c) => pk.has(c.name) || n.fkColumns.has(c.name));
  n.rows = [];
  if (detailed) {
    n.rows = cols.slice(0, MAX_ROWS).map((c) => ({
      name: c.name,
      text: `${pk.has(c.name) ? 'PK' : 'FK'} ${c.name} ${c.type}`,
      key: pk.has(c.name) ? 'pk' : brokenCols.has(c.name) ? 'fk broken' : 'fk',
    }));
    if (cols.length > MAX_ROWS) n.rows.push({ name: '', text: `+${cols.length - MAX_ROWS} more`, key: 'more' });
  }
  n.sub = n.missing ? 'does not exist' : n.rejected ? 'CREATE TABLE rejected' : detailed ? `${n.columns.length} columns` : '';
  n.w = Math.max(textWidth(n.label) + 2 * PAD_X + (n.missing ? 16 : 0), ...n.rows.map((r) => textWidth(r.text) + 2 * PAD_X), detailed ? 140 : 80);
  n.h = HEAD_H + (n.sub ? ROW_H : 0) + n.rows.length * ROW_H + (n.rows.length || n.sub ? 6 : 0);
}

/** dagre's layered layout: a referenced table sits left of the tables that reference it. */
function place(nodes, edges) {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'RL', nodesep: 22, ranksep: 80, edgesep: 12, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.w, height: n.h });
  edges.forEach((e, i) => {
    if (e.from !== e.to) g.setEdge(e.from, e.to, { weight: e.broken ? 2 : 1 }, `e${i}`);
  });
  dagreLayout(g);
  for (const n of nodes) {
    const p = g.node(n.id);
    n.x = Math.round(p.x - n.w / 2);
    n.y = Math.round(p.y - n.h / 2);
  }
  edges.forEach((e, i) => {
    e.points = e.from === e.to ? null : g.edge({ v: e.from, w: e.to, name: `e${i}` })?.points || null;
  });
}

function rowY(n, cols) {
  const i = cols?.length ? n.rows.findIndex((r) => r.name === cols[0]) : -1;
  if (i >= 0) return n.y + HEAD_H + (n.sub ? ROW_H : 0) + i * ROW_H + ROW_H / 2 + 3;
  return n.y + HEAD_H / 2;
}

/** From the referencing column's row to the referenced table, through dagre's bend points. */
function edgePath(e, byId) {
  const a = byId.get(e.from);
  const b = byId.get(e.to);
  if (a === b) {
    const xr = a.x + a.w;
    const y1 = rowY(a, e.fromCols);
    return `M${xr} ${y1} C${xr + 40} ${y1 - 20}, ${xr + 40} ${a.y - 10}, ${xr - 20} ${a.y}`;
  }
  const inner = (e.points || []).slice(1, -1);
  const leftward = b.x + b.w <= a.x;
  const start = [leftward ? a.x : a.x + a.w, rowY(a, e.fromCols)];
  const end = [b.x + b.w, rowY(b, e.toCols)];
  if (leftward && inner.length <= 1) {
    // Adjacent layers: one S-curve from the column's row to the referenced table.
    const dx = Math.max(30, (start[0] - end[0]) / 2);
    return `M${r(start[0])} ${r(start[1])} C${r(start[0] - dx)} ${r(start[1])}, ${r(end[0] + dx)} ${r(end[1])}, ${r(end[0])} ${r(end[1])}`;
  }
  if (!leftward && !inner.length) {
    // Same layer (or backwards): out to the right and back in.
    const out = Math.max(start[0], end[0]) + 50;
    return `M${r(start[0])} ${r(start[1])} C${out} ${r(start[1])}, ${out} ${r(end[1])}, ${r(end[0])} ${r(end[1])}`;
  }
  // Across layers: through dagre's bend points, which keep the line between the boxes of the layers it crosses.
  const points = [start, ...inner.map((p) => [p.x, p.y]), end];
  return `M${points.map(([x, y]) => `${r(x)} ${r(y)}`).join(' L')}`;
}

const r = (n) => Math.round(n * 10) / 10;
