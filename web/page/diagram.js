// The diagram tab: asks the worker for the FK graph of the last check laid out around what the user looks at
// (the selected finding, or a table picked in the search box or clicked), or the whole graph on request when it
// stays readable; draws it, zooms it, and lists a clicked table's findings.
import { h, clear } from '../lib/dom.js';
import { renderGraph } from '../lib/graph.js';
import { $, state } from './state.js';
import { ask } from './checker.js';

// What the diagram shows: a table picked by the user, or the whole graph; neither: the selected finding's tables.
state.diagramView = { focus: null, whole: false };
let openFinding = () => {};
/** fn(index) opens finding `index` of the result (in the findings list). */
export function onOpenFinding(fn) {
  openFinding = fn;
}

let graphRequest = 0;
export async function refreshGraph() {
  if (!state.graphStale || !state.result) return;
  state.graphStale = false;
  const my = ++graphRequest;
  const host = $('diagram');
  host.setAttribute('aria-busy', 'true');
  const selected = state.selected ? Number.parseInt(state.selected, 10) : null;
  const view = {
    focus: state.diagramView.focus ? [state.diagramView.focus] : null,
    whole: state.diagramView.whole,
    finding: Number.isInteger(selected) ? selected : null,
  };
  let reply;
  try {
    reply = await ask({ type: 'graph', view });
  } catch (err) {
    clear(host).append(h('p', { class: 'empty' }, `No diagram: ${err.message}`));
    return;
  }
  if (my !== graphRequest) return;
  host.removeAttribute('aria-busy');
  state.layout = reply.layout;
  if (!state.userZoomed) state.zoom = fitScale();
  drawGraph();
  fillTableChoices();
}

/** Lays the diagram out again for another view ({focus} or {whole}). */
function showView(view) {
  state.diagramView = { focus: null, whole: false, ...view };
  state.graphStale = true;
  state.userZoomed = false;
  refreshGraph();
}

function drawGraph() {
  const host = clear($('diagram'));
  const list = clear($('broken-list'));
  const layout = state.layout;
  describeView(layout);
  if (!layout || !layout.nodes.length) {
    host.append(h('p', { class: 'empty' }, 'No tables yet.'));
    return;
  }
  host.append(renderGraph(layout, { zoom: state.zoom, onNode: showTable, selected: state.diagramTable }));
  if (layout.broken.length) {
    list.append(
      h('h3', null, `Broken references (${layout.broken.length})`),
      h('ul', null, layout.broken.map((b) => h('li', null,
        h('button', { type: 'button', class: 'link', on: { click: () => openFinding(b.index) } }, b.text),
        ' ', h('span', { class: 'muted' }, `${b.file}:${b.line}`)))),
    );
  } else {
    list.append(h('p', { class: 'muted' }, `${layout.counts.tables} tables, ${layout.counts.references} references, none broken.`));
  }
}

/** Says what the diagram shows, and offers the whole graph when it is readable. */
function describeView(layout) {
  const note = $('diagram-view');
  const whole = $('diagram-whole');
  if (!layout) {
    note.textContent = '';
    whole.hidden = true;
    return;
  }
  const { shown, tables } = layout.counts;
  const around = layout.nodes.filter((n) => n.focus).map((n) => n.label);
  note.textContent = layout.mode === 'whole'
    ? `All ${tables} tables.`
    : `${shown} of ${tables} tables: around ${around.join(', ') || 'the first broken reference'}${layout.hidden ? ` (${layout.hidden} more neighbours not shown)` : ''}.`;
  whole.hidden = layout.mode === 'whole' && !state.diagramView.whole;
  whole.disabled = !layout.wholeAllowed && !state.diagramView.whole;
  whole.textContent = state.diagramView.whole ? 'Around the selection' : 'Whole graph';
  whole.title = layout.wholeAllowed ? '' : `${tables} tables are too many to read at once: pick a table instead`;
}

let choicesFor = null; // the result the search box's choices were made for
function fillTableChoices() {
  const list = $('diagram-tables');
  if (choicesFor === state.result) return;
  choicesFor = state.result;
  $('table-findings').hidden = true; // its finding numbers were another result's
  state.diagramTable = null;
  clear(list).append(...(state.layout?.tables || []).map((t) => h('option', { value: t.label })));
}

/** Lists a clicked table's findings under the diagram; each opens in the findings list. */
function showTable(node) {
  state.diagramTable = node.id;
  for (const el of $('diagram').querySelectorAll('.node.selected')) el.classList.remove('selected');
  $('diagram').querySelector(`.node[data-id="${CSS.escape(node.id)}"]`)?.classList.add('selected');
  const panel = clear($('table-findings'));
  panel.hidden = false;
  const findings = node.findings.map((i) => state.findings[i]).filter(Boolean);
  panel.append(
    h('h3', null, `${node.label}${node.missing ? ' (does not exist)' : ''}: ${findings.length ? `${findings.length} finding${findings.length === 1 ? '' : 's'}` : 'no findings'}`),
    findings.length
      ? h('ul', null, findings.map((f) => h('li', null,
          h('button', { type: 'button', class: 'link', on: { click: () => openFinding(Number.parseInt(f.key, 10)) } }, `${f.code} ${f.message}`),
          ' ', h('span', { class: 'muted' }, `${f.file}:${f.line}`))))
      : null,
    node.missing ? null : h('button', { type: 'button', class: 'small', on: { click: () => showView({ focus: node.id }) } }, 'Centre the diagram on this table'),
  );
}

function setZoom(z) {
  state.zoom = Math.max(0.1, Math.min(3, z));
  state.userZoomed = true;
  drawGraph();
}

/** The scale that fits the diagram's width (not below 0.6: smaller text is unreadable; scroll instead). */
function fitScale(floor = 0.6) {
  if (!state.layout) return 1;
  const w = $('diagram').clientWidth - 4;
  return Math.max(floor, Math.min(1, w / state.layout.width));
}

function fitZoom() {
  setZoom(fitScale(0.1));
  state.userZoomed = false;
}

$('zoom-in').addEventListener('click', () => setZoom(state.zoom * 1.25));
$('zoom-out').addEventListener('click', () => setZoom(state.zoom / 1.25));
$('zoom-fit').addEventListener('click', fitZoom);
$('diagram-whole').addEventListener('click', () => showView(state.diagramView.whole ? {} : { whole: true }));
$('diagram-search').addEventListener('change', (e) => {
  const wanted = e.target.value.trim().toLowerCase();
  const table = (state.layout?.tables || []).find((t) => t.label.toLowerCase() === wanted)
    || (state.layout?.tables || []).find((t) => t.label.toLowerCase().endsWith(`.${wanted}`));
  $('diagram-search').setCustomValidity(table || !wanted ? '' : 'No such table');
  if (table) showView({ focus: table.id });
});
