// Draws the foreign key diagram that lib/graph-layout.js laid out (in the worker): tables as boxes, references as
// arrows, broken references and missing tables marked. SVG built with DOM calls: every name is a Text node.

const SVG_NS = 'http://www.w3.org/2000/svg';

function el(doc, tag, attrs, text) {
  const e = doc.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * The SVG of a layout (from layoutGraph), scaled by `zoom`. onNode(node) runs when a table is clicked (or
 * activated with Enter or Space: each table is a focusable button).
 */
export function renderGraph(layout, { doc = document, zoom = 1, onNode = null, selected = null } = {}) {
  const svg = el(doc, 'svg', {
    class: 'fk-graph',
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    width: Math.round(layout.width * zoom),
    height: Math.round(layout.height * zoom),
    role: 'img',
    'aria-label': `Foreign key diagram: ${layout.counts.shown} of ${layout.counts.tables} tables, ${layout.counts.references} references, ${layout.counts.broken} broken`,
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
    const classes = ['node', n.missing && 'missing', n.rejected && 'rejected', n.focus && 'focus', n.id === selected && 'selected'].filter(Boolean).join(' ');
    const g = el(doc, 'g', {
      class: classes,
      transform: `translate(${n.x} ${n.y})`,
      'data-id': n.id,
      tabindex: 0,
      role: 'button',
      'aria-label': `${n.label}${n.missing ? ' (missing)' : ''}: ${n.findings.length} finding${n.findings.length === 1 ? '' : 's'}`,
    });
    if (onNode) {
      g.addEventListener('click', () => onNode(n));
      g.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onNode(n);
        }
      });
    }
    g.append(el(doc, 'title', {}, n.missing ? `${n.label}: referenced, but does not exist` : n.rejected ? `${n.label}: its CREATE TABLE is rejected by the server` : n.label));
    g.append(el(doc, 'rect', { class: 'box', width: n.w, height: n.h, rx: 5 }));
    g.append(el(doc, 'rect', { class: 'head', width: n.w, height: 24, rx: 5 }));
    g.append(el(doc, 'text', { class: 'label', x: 10, y: 16 }, n.missing ? `✕ ${n.label}` : n.label));
    if (n.findings.length) {
      g.append(el(doc, 'text', { class: 'count', x: n.w - 8, y: 16, 'text-anchor': 'end' }, String(n.findings.length)));
    }
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
