// Checking: the analysis worker, requests to it, and the debounced check of the current files. A result that
// arrives after more typing is dropped and the latest text is checked. What a result shows is not decided here:
// the page hands its renderer to `onResult`.
import { state, setStatus } from './state.js';
import { toolOption } from './tool.js';

const worker = new Worker(new URL('../worker.js', import.meta.url), { type: 'module' });
const pending = new Map();
let nextId = 1;

/** Sends a message to the worker; resolves with its reply (rejects on an error reply). */
export function ask(message) {
  const id = nextId++;
  const posted = performance.now();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, posted });
    worker.postMessage({ ...message, id });
  });
}
worker.addEventListener('message', (event) => {
  const msg = event.data;
  const entry = pending.get(msg.id);
  if (!entry) return;
  pending.delete(msg.id);
  msg.roundTripMs = performance.now() - entry.posted;
  if (msg.type === 'error') entry.reject(new Error(msg.message));
  else entry.resolve(msg);
});
worker.addEventListener('error', (event) => {
  setStatus(`The checker failed to load: ${event.message || 'worker error'}`, 'error');
});

let render = async () => {};
/** fn(result, sources, checkMs) renders a result; it may return a promise (rendering in slices). */
export function onResult(fn) {
  render = fn;
}

const syncHooks = [];
/** fn() brings state.files up to date before a check reads them (the editor's text is copied lazily). */
export function onBeforeCheck(fn) {
  syncHooks.push(fn);
}
const sync = () => syncHooks.forEach((fn) => fn());

let timer = 0;
let inFlight = null;
let again = false;
let rendering = 0; // results being rendered now
const idleWaiters = [];
export const timings = [];

export function scheduleCheck(delay) {
  clearTimeout(timer);
  const size = state.files.reduce((n, f) => n + f.text.length, 0);
  timer = setTimeout(runCheck, delay ?? (size > 200_000 ? 450 : 200));
}

function sourcesNow() {
  return state.files.map((f) => ({ name: f.name, text: f.text }));
}

/** The check options: with databases when some file names one (files left empty form one more, unnamed). */
function optionsNow() {
  const databases = new Map();
  for (const f of state.files) {
    const name = (f.database || '').trim();
    if (name) databases.set(name, [...(databases.get(name) || []), f.name]);
  }
  const options = { dialect: state.dialect, ...toolOption() };
  if (databases.size) options.databases = [...databases].map(([name, files]) => ({ name, files }));
  return options;
}

export async function runCheck() {
  clearTimeout(timer);
  timer = 0;
  if (inFlight) {
    again = true;
    return;
  }
  sync();
  const sources = sourcesNow();
  const options = optionsNow();
  setStatus('Checking…');
  const started = performance.now();
  inFlight = ask({ type: 'check', sources, options });
  let reply;
  try {
    reply = await inFlight;
  } catch (err) {
    inFlight = null;
    setStatus(`Check failed: ${err.message}`, 'error');
    settleIdle();
    return;
  }
  inFlight = null;
  sync();
  const unchanged = sources.length === state.files.length && sources.every((s, i) => s.name === state.files[i].name && s.text === state.files[i].text) && JSON.stringify(options) === JSON.stringify(optionsNow());
  if (again || !unchanged) {
    again = false;
    runCheck();
    return;
  }
  const shown = performance.now();
  // Counted until it ends: a newer result may start rendering while this one is still being shown, and idle()
  // must wait for the last of them, not for the first to return.
  rendering++;
  let firstSlice = 0;
  try {
    const rendered = render(reply.result, sources, reply.timing.check, performance.now() - started);
    firstSlice = performance.now() - shown;
    await rendered;
  } finally {
    rendering--;
  }
  timings.push({ posted: started, done: performance.now(), check: reply.timing.check, roundTrip: reply.roundTripMs, firstSlice, render: performance.now() - shown, size: sources.reduce((n, s) => n + s.text.length, 0) });
  settleIdle();
}

function settleIdle() {
  if (inFlight || timer || rendering) return;
  while (idleWaiters.length) idleWaiters.shift()();
}

/** Resolves when no check is scheduled or running and the last result is rendered. */
export function idle() {
  return new Promise((resolve) => {
    idleWaiters.push(resolve);
    settleIdle();
  });
}
