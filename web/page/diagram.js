// The diagram tab: asks the worker for the laid-out FK graph of the last check, draws it, zooms it.
import { h, clear } from '../lib/dom.js';
import { renderGraph } from '../lib/graph.js';
import { $, state } from './state.js';
import { ask } from './checker.js';

let graphRequest = 0;
export async function refreshGraph() {
  if (!state.graphStale || !state.result) return;
  state.graphStale = false;
  const my = ++graphRequest;
  const host = $('diagram');
  host.setAttribute('aria-busy', 'true');
  let reply;
  try {
    reply = await ask({ type: 'graph' });
  } catch (err) {
    clear(host).append(h('p', { class: 'empty' }, `No diagram: ${err.message}`));
    return;
  }
  if (my !== graphRequest) return;
  host.removeAttribute('aria-busy');
  state.layout = reply.layout;
  if (!state.userZoomed) state.zoom = fitScale();
  drawGraph();
}

function drawGraph() {
  const host = clear($('diagram'));
  const list = clear($('broken-list'));
  const layout = state.layout;
  if (!layout || !layout.nodes.length) {
    host.append(h('p', { class: 'empty' }, 'No tables yet.'));
    return;
  }
  host.append(renderGraph(layout, { zoom: state.zoom }));
  if (layout.broken.length) {
    list.append(
      h('h3', null, `Broken references (${layout.broken.length})`),
      h('ul', null, layout.broken.map((b) => h('li', null, b.text, ' ', h('span', { class: 'muted' }, `${b.file}:${b.line}`)))),
    );
  } else {
    list.append(h('p', { class: 'muted' }, `${layout.counts.tables} tables, ${layout.counts.references} references, none broken.`));
  }
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
