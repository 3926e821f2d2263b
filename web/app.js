// The fklint page: input (editor, files, drop, examples, share links), analysis in a worker, findings, fixes,
// rule docs, and the FK diagram. Everything the user provides is rendered as text (lib/dom.js never parses HTML).
import { h, clear } from './lib/dom.js';
import { Editor } from './lib/editor.js';
import { editorCss } from './lib/editor-css.js';
import { lineStarts, rangeOf } from './lib/offsets.js';
import { renderMarkdown } from './lib/markdown.js';
import { editPreview, applyFix, fixMigration } from './lib/fixes.js';
import { renderGraph } from './lib/graph.js';
import { encodeState, decodeState } from './lib/share.js';
import { sortByPath } from './lib/natural.js';
import examples from './examples.js';

const $ = (id) => document.getElementById(id);
const SEVERITIES = [
  ['error', 'Errors', 'the database rejects the migration'],
  ['warning', 'Warnings', 'accepted, but fragile'],
  ['info', 'Info', 'advice'],
];
const DEFAULT_EXAMPLE = 'dotmac-platform';
// The picker's choices; `auto` lets the checker detect the dialect from the SQL (and say why).
const DIALECTS = ['auto', 'postgres', 'mysql', 'sqlite'];
const DIALECT_NAMES = { postgres: 'PostgreSQL', mysql: 'MySQL', sqlite: 'SQLite' };
const DIALECT_KEY = 'fklint-dialect';
const CHUNK = 120; // findings rendered per slice of main-thread work

{
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(editorCss);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

const state = {
  files: [{ name: 'migration.sql', text: '', database: '' }],
  active: 0,
  dialect: storedDialect(),
  result: null, // the last check result rendered
  checked: null, // the sources it was computed from
  rules: new Map(),
  version: '',
  selected: null, // key of the selected finding
  expanded: new Set(),
  graphStale: true,
  zoom: 1,
  layout: null,
};

// ---------------------------------------------------------------- dialect

/** The dialect chosen on an earlier visit (kept like the theme), else auto. */
function storedDialect() {
  try {
    const stored = localStorage.getItem(DIALECT_KEY);
    return DIALECTS.includes(stored) ? stored : 'auto';
  } catch {
    return 'auto'; // storage disabled
  }
}

/** Sets the picker; `remember` keeps the choice for the next visit (a share link's dialect is not a choice). */
function setDialect(dialect, { remember = false } = {}) {
  state.dialect = DIALECTS.includes(dialect) ? dialect : 'auto';
  $('dialect').value = state.dialect;
  if (!remember) return;
  try {
    if (state.dialect === 'auto') localStorage.removeItem(DIALECT_KEY);
    else localStorage.setItem(DIALECT_KEY, state.dialect);
  } catch {
    /* storage disabled */
  }
}

/** In Auto, says what was detected next to the picker, with the evidence as small text and a tooltip. */
function showDetected(summary) {
  const el = $('dialect-detected');
  const detected = state.dialect === 'auto' ? summary?.detected : null;
  el.hidden = !detected;
  if (!detected) {
    el.textContent = '';
    el.removeAttribute('title');
    return;
  }
  const markers = detected.evidence.filter((e) => e.dialect === detected.dialect);
  const why = markers.length
    ? markers.slice(0, 2).map((e) => `${e.marker} ×${e.count}`).join(', ')
    : 'no markers: the default';
  el.textContent = `Detected: ${DIALECT_NAMES[detected.dialect] || detected.dialect} (${why})`;
  const all = detected.evidence.map((e) => `${DIALECT_NAMES[e.dialect] || e.dialect}: ${e.marker} ×${e.count}`);
  el.title = all.length
    ? `Evidence, strongest first:\n${all.join('\n')}${detected.confident ? '' : '\n(not conclusive: pick the dialect to be sure)'}`
    : 'Nothing in the SQL points to a dialect: checked as PostgreSQL. Pick the dialect to be sure.';
}

// ---------------------------------------------------------------- worker

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const pending = new Map();
let nextId = 1;
function ask(message) {
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

// ---------------------------------------------------------------- editor

const editor = new Editor($('editor'), {
  label: 'SQL of the selected migration file',
  onInput: (text) => {
    state.files[state.active].text = text;
    updateFileSize();
    scheduleCheck();
  },
  onCursor: ({ line, column }) => {
    $('cursor-pos').textContent = `Ln ${line}, Col ${column}`;
  },
});

function updateFileSize() {
  const text = state.files[state.active]?.text || '';
  const kb = new Blob([text]).size / 1024;
  $('file-size').textContent = kb >= 1 ? `${kb.toFixed(kb >= 100 ? 0 : 1)} KB` : `${text.length} chars`;
}

// ---------------------------------------------------------------- checking

let timer = 0;
let inFlight = null;
let again = false;
const idleWaiters = [];

function scheduleCheck(delay) {
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
  const options = { dialect: state.dialect };
  if (databases.size) options.databases = [...databases].map(([name, files]) => ({ name, files }));
  return options;
}

async function runCheck() {
  clearTimeout(timer);
  timer = 0;
  if (inFlight) {
    again = true;
    return;
  }
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
  const unchanged = sources.length === state.files.length && sources.every((s, i) => s.name === state.files[i].name && s.text === state.files[i].text) && JSON.stringify(options) === JSON.stringify(optionsNow());
  if (again || !unchanged) {
    again = false;
    runCheck();
    return;
  }
  const shown = performance.now();
  const rendered = showResult(reply.result, sources, reply.timing.check, performance.now() - started);
  const firstSlice = performance.now() - shown;
  await rendered;
  timings.push({ posted: started, done: performance.now(), check: reply.timing.check, roundTrip: reply.roundTripMs, firstSlice, render: performance.now() - shown, size: sources.reduce((n, s) => n + s.text.length, 0) });
  settleIdle();
}

function settleIdle() {
  if (inFlight || timer) return;
  while (idleWaiters.length) idleWaiters.shift()();
}

function setStatus(text, kind = '') {
  const el = $('status');
  el.textContent = text;
  el.dataset.kind = kind;
}

// ---------------------------------------------------------------- findings

function findingKey(f, i) {
  return `${i}:${f.code}:${f.file}:${f.start}`;
}

async function showResult(result, sources, checkMs) {
  showDetected(result.error ? null : result.summary);
  if (result.error) {
    state.result = null;
    setStatus(`The checker refused the input: ${result.error.message}`, 'error');
    clear($('findings')).append(h('p', { class: 'empty' }, result.error.message));
    return;
  }
  const previous = state.selected;
  state.result = result;
  state.checked = sources;
  state.graphStale = true;
  state.findings = result.findings.map((f, i) => ({ ...f, key: findingKey(f, i) }));
  const keep = new Set(state.findings.map((f) => f.key));
  state.expanded = new Set([...state.expanded].filter((k) => keep.has(k)));
  state.selected = keep.has(previous) ? previous : null;

  const counts = Object.fromEntries(SEVERITIES.map(([s]) => [s, 0]));
  for (const f of result.findings) counts[f.severity] = (counts[f.severity] || 0) + 1;
  const sum = result.summary || {};
  const plural = (n, w) => `${n} ${w}${n === 1 ? '' : 's'}`;
  setStatus(
    `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info · checked in ${checkMs.toFixed(checkMs < 10 ? 1 : 0)} ms`,
    counts.error ? 'error' : counts.warning ? 'warning' : 'ok',
  );
  $('summary').textContent =
    `${plural(sum.files ?? sources.length, 'file')}, ${plural(sum.statements ?? 0, 'statement')}` +
    `${sum.skipped ? ` (${sum.skipped} skipped)` : ''}${sum.unparsed ? `, ${sum.unparsed} not understood` : ''}` +
    `, ${plural(sum.tables ?? 0, 'table')}, ${plural(sum.foreign_keys ?? 0, 'foreign key')}` +
    `${sum.suppressed ? `, ${sum.suppressed} suppressed` : ''}` +
    `${sum.dialect ? ` · ${DIALECT_NAMES[sum.dialect] || sum.dialect}` : ''}` +
    // The platform preset replayed before the files (detected from them): its tables are known, not listed.
    `${sum.platform ? ` · platform: ${sum.platform}` : ''}`;
  $('download-fix').disabled = !result.findings.some((f) => f.fix?.sql);
  $('tab-findings').textContent = `Findings (${result.findings.length})`;

  renderTabs();
  updateMarks();
  await renderFindings();
  if (!$('panel-diagram').hidden) refreshGraph();
}

async function renderFindings() {
  const root = clear($('findings'));
  const findings = state.findings;
  if (!findings.length) {
    root.append(h('p', { class: 'empty' }, 'No findings: every foreign key checks out.'));
    return;
  }
  const lists = [];
  const server = DIALECT_NAMES[state.result?.summary?.dialect] ?? 'the database';
  for (const [severity, title, generic] of SEVERITIES) {
    const hint = severity === 'error' ? `${server} rejects the migration` : generic;
    const items = findings.filter((f) => f.severity === severity);
    if (!items.length) continue;
    const headingId = `group-${severity}`;
    const list = h('ul', { class: 'finding-list', 'aria-labelledby': headingId });
    root.append(
      h('section', { class: `group ${severity}` },
        h('h3', { id: headingId }, h('span', { class: `sev-dot ${severity}`, 'aria-hidden': 'true' }), `${title} (${items.length})`, h('span', { class: 'muted hint' }, ` — ${hint}`)),
        list),
    );
    lists.push([list, items]);
  }
  // Render in slices so that a corpus-sized result never blocks the main thread for long.
  const token = (renderFindings.token = {});
  let budgetStart = performance.now();
  for (const [list, items] of lists) {
    for (let i = 0; i < items.length; i += CHUNK) {
      const frag = document.createDocumentFragment();
      for (const f of items.slice(i, i + CHUNK)) frag.append(findingItem(f));
      list.append(frag);
      if (performance.now() - budgetStart > 12) {
        await new Promise((r) => setTimeout(r, 0));
        if (renderFindings.token !== token) return;
        budgetStart = performance.now();
      }
    }
  }
}

function locationText(loc) {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

function findingItem(f) {
  const detailId = `detail-${cssId(f.key)}`;
  const expanded = state.expanded.has(f.key);
  const head = h('button', {
    type: 'button',
    class: 'finding-head',
    'aria-expanded': String(expanded),
    'aria-controls': detailId,
    on: {
      click: () => toggleFinding(f, li),
      focus: () => selectFinding(f, { scroll: true }),
      keydown: (e) => navigateFindings(e),
    },
  },
  h('span', { class: `badge ${f.severity}` }, f.severity),
  h('span', { class: 'code' }, f.code),
  h('span', { class: 'message' }, f.message),
  h('span', { class: 'loc' }, locationText(f)));
  const li = h('li', { class: ['finding', f.severity, state.selected === f.key && 'selected'], 'data-key': f.key, 'data-code': f.code }, head);
  if (expanded) li.append(findingDetail(f, detailId));
  return li;
}

function cssId(key) {
  return key.replace(/[^A-Za-z0-9_-]/g, '_');
}

function toggleFinding(f, li) {
  const head = li.querySelector('.finding-head');
  const open = !state.expanded.has(f.key);
  if (open) {
    state.expanded.add(f.key);
    li.append(findingDetail(f, head.getAttribute('aria-controls')));
  } else {
    state.expanded.delete(f.key);
    li.querySelector('.detail')?.remove();
  }
  head.setAttribute('aria-expanded', String(open));
  selectFinding(f, { scroll: true });
}

function navigateFindings(e) {
  const heads = [...$('findings').querySelectorAll('.finding-head')];
  const i = heads.indexOf(e.currentTarget);
  let j = -1;
  if (e.key === 'ArrowDown') j = Math.min(heads.length - 1, i + 1);
  else if (e.key === 'ArrowUp') j = Math.max(0, i - 1);
  else if (e.key === 'Home') j = 0;
  else if (e.key === 'End') j = heads.length - 1;
  if (j >= 0) {
    e.preventDefault();
    heads[j].focus();
  }
}

function findingDetail(f, id) {
  const detail = h('div', { class: 'detail', id });
  if (f.related?.length) {
    detail.append(
      h('h4', null, 'Related'),
      h('ul', { class: 'related' },
        f.related.map((r) => h('li', null,
          h('button', { type: 'button', class: 'link', on: { click: () => goTo(r, 'related') } }, locationText(r)),
          ' ', r.message))),
    );
  }
  if (f.fix) {
    detail.append(h('h4', null, 'Fix: ', f.fix.title));
    const previews = editPreview(f.fix, state.files);
    if (previews.length) {
      const after = previews.map((p) => p.after).join('\n');
      detail.append(
        h('div', { class: 'fix-form' },
          h('p', { class: 'form-title' }, 'Edit the migration ', h('span', { class: 'muted' }, '(not yet applied anywhere)')),
          previews.map((p) => h('div', { class: 'diff', role: 'group', 'aria-label': `Edit of ${p.file} at line ${p.line}` },
            h('p', { class: 'diff-file' }, `${p.file}:${p.line}`),
            h('pre', { class: 'before', 'aria-label': 'Before' }, h('code', null, prefixLines(p.before, '- '))),
            h('pre', { class: 'after', 'aria-label': 'After' }, h('code', null, prefixLines(p.after, '+ '))))),
          h('div', { class: 'actions' },
            copyButton('Copy edited lines', () => after),
            h('button', { type: 'button', on: { click: () => applyEdit(f) } }, 'Apply edit to the input'))),
      );
    }
    if (f.fix.sql) {
      detail.append(
        h('div', { class: 'fix-form' },
          h('p', { class: 'form-title' }, 'Forward migration ', h('span', { class: 'muted' }, '(for databases that already ran it)')),
          h('pre', { class: 'sql' }, h('code', null, f.fix.sql)),
          h('div', { class: 'actions' }, copyButton('Copy forward SQL', () => f.fix.sql))),
      );
    }
  }
  const rule = state.rules.get(f.code);
  if (rule) {
    const docs = h('div', { class: 'rule-docs' });
    docs.append(renderMarkdown(rule.docs || rule.summary || '', { headingLevel: 5 }));
    detail.append(
      h('details', { class: 'rule' },
        h('summary', null, `About ${rule.code} ${rule.name}`, h('span', { class: 'muted' }, ` (${rule.severity}): ${rule.summary}`)),
        docs),
    );
  }
  return detail;
}

function prefixLines(text, prefix) {
  return text.split('\n').map((l) => prefix + l).join('\n');
}

function applyEdit(f) {
  state.files = applyFix(f.fix, state.files);
  editor.setText(state.files[state.active].text);
  updateFileSize();
  announce(`Applied: ${f.fix.title}`);
  runCheck();
}

// ---------------------------------------------------------------- selection and marks

function fileIndex(name) {
  return state.files.findIndex((f) => f.name === name);
}

function selectFinding(f, { scroll = false } = {}) {
  state.selected = f.key;
  for (const el of $('findings').querySelectorAll('.finding.selected')) el.classList.remove('selected');
  $('findings').querySelector(`.finding[data-key="${CSS.escape(f.key)}"]`)?.classList.add('selected');
  const i = fileIndex(f.file);
  if (i >= 0 && i !== state.active) switchFile(i);
  updateMarks();
  if (scroll && i >= 0) {
    const text = state.files[i].text;
    const [start, end] = rangeOf(f, text, currentStarts());
    editor.reveal(start, end);
  }
}

function goTo(loc) {
  const i = fileIndex(loc.file);
  if (i < 0) return;
  if (i !== state.active) switchFile(i);
  const [start, end] = rangeOf(loc, state.files[i].text, currentStarts());
  editor.select(start, end);
}

let startsCache = { text: null, starts: [0] };
function currentStarts() {
  const text = state.files[state.active].text;
  if (startsCache.text !== text) startsCache = { text, starts: lineStarts(text) };
  return startsCache.starts;
}

function updateMarks() {
  const file = state.files[state.active];
  if (!state.findings || !file) return editor.setMarks([]);
  const starts = currentStarts();
  const marks = [];
  for (const f of state.findings) {
    if (f.file !== file.name) continue;
    const [start, end] = rangeOf(f, file.text, starts);
    marks.push({ id: f.key, start, end, severity: f.severity });
  }
  const selected = state.findings.find((f) => f.key === state.selected);
  for (const r of selected?.related || []) {
    if (r.file !== file.name) continue;
    const [start, end] = rangeOf(r, file.text, starts);
    marks.push({ id: `${selected.key}:related`, start, end, severity: 'related' });
  }
  editor.setMarks(marks);
  editor.setActive(state.selected);
}

// ---------------------------------------------------------------- files

function renderTabs() {
  const tabs = clear($('file-tabs'));
  const counts = new Map();
  for (const f of state.findings || []) {
    if (f.severity === 'error') counts.set(f.file, (counts.get(f.file) || 0) + 1);
  }
  state.files.forEach((file, i) => {
    const selected = i === state.active;
    const errors = counts.get(file.name) || 0;
    const tab = h('button', {
      type: 'button',
      role: 'tab',
      class: 'file-tab',
      id: `file-tab-${i}`,
      'aria-selected': String(selected),
      'aria-controls': 'editor',
      tabindex: selected ? '0' : '-1',
      title: file.name,
      on: {
        click: () => switchFile(i),
        keydown: (e) => {
          const n = state.files.length;
          let j = -1;
          if (e.key === 'ArrowRight') j = (i + 1) % n;
          else if (e.key === 'ArrowLeft') j = (i - 1 + n) % n;
          else if (e.key === 'Delete' && n > 1) return removeFile(i);
          if (j >= 0) {
            e.preventDefault();
            switchFile(j);
            $(`file-tab-${j}`)?.focus();
          }
        },
      },
    }, file.database ? h('span', { class: 'tab-database', title: `database ${file.database}` }, file.database) : null, file.name, errors ? h('span', { class: 'tab-errors', 'aria-label': `${errors} errors` }, String(errors)) : null);
    const wrap = h('span', { class: ['tab-wrap', selected && 'selected'] }, tab);
    if (state.files.length > 1) {
      wrap.append(h('button', { type: 'button', class: 'tab-close', 'aria-label': `Remove ${file.name}`, title: `Remove ${file.name}`, on: { click: () => removeFile(i) } }, '×'));
    }
    tabs.append(wrap);
  });
}

function switchFile(i) {
  state.active = i;
  editor.setText(state.files[i].text);
  $('file-database').value = state.files[i].database || '';
  updateFileSize();
  renderTabs();
  updateMarks();
}

$('file-database').addEventListener('input', (e) => {
  state.files[state.active].database = e.target.value;
  renderTabs();
  scheduleCheck();
});

function removeFile(i) {
  state.files.splice(i, 1);
  state.active = Math.min(state.active, state.files.length - 1);
  switchFile(state.active);
  scheduleCheck(0);
}

function setFiles(files, { active = 0, dialect } = {}) {
  state.files = files.length
    ? files.map((f) => ({ name: f.name, text: f.text, database: typeof f.database === 'string' ? f.database : '' }))
    : [{ name: 'migration.sql', text: '', database: '' }];
  state.active = Math.min(active, state.files.length - 1);
  if (dialect) setDialect(dialect);
  state.selected = null;
  state.expanded.clear();
  state.findings = [];
  state.userZoomed = false;
  $('example').value = '';
  showExampleNote(null);
  switchFile(state.active);
  runCheck();
}

function newFile() {
  let n = state.files.length + 1;
  const names = new Set(state.files.map((f) => f.name));
  while (names.has(`${String(n).padStart(4, '0')}_migration.sql`)) n++;
  state.files.push({ name: `${String(n).padStart(4, '0')}_migration.sql`, text: '', database: state.files[state.active]?.database || '' });
  switchFile(state.files.length - 1);
  editor.textarea.focus();
}

async function readDropped(dataTransfer) {
  const entries = [...(dataTransfer.items || [])].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
  const out = [];
  const hasFolder = entries.some((e) => e.isDirectory);
  const readFile = (entry) => new Promise((resolve, reject) => entry.file(resolve, reject));
  const readAll = (reader) =>
    new Promise((resolve, reject) => {
      const all = [];
      const next = () => reader.readEntries((batch) => (batch.length ? (all.push(...batch), next()) : resolve(all)), reject);
      next();
    });
  async function walk(entry) {
    if (entry.isDirectory) {
      for (const child of await readAll(entry.createReader())) await walk(child);
    } else if (!hasFolder || /\.(sql|py)$/i.test(entry.name)) {
      const file = await readFile(entry);
      out.push({ name: entry.fullPath.replace(/^\//, ''), text: await file.text() });
    }
  }
  if (entries.length) {
    for (const entry of entries) await walk(entry);
  } else {
    for (const file of dataTransfer.files || []) out.push({ name: file.name, text: await file.text() });
  }
  return sortByPath(out);
}

async function readInput(input) {
  const files = [...input.files].filter((f) => !input.webkitdirectory || /\.(sql|py)$/i.test(f.name));
  const out = [];
  for (const file of files) out.push({ name: file.webkitRelativePath || file.name, text: await file.text() });
  input.value = '';
  return sortByPath(out);
}

function loadFiles(files, what) {
  if (!files.length) {
    announce(`No .sql files in ${what}`);
    return;
  }
  $('example').value = '';
  showExampleNote(null);
  setFiles(files);
  announce(`Loaded ${files.length} file${files.length === 1 ? '' : 's'} from ${what}`);
}

// ---------------------------------------------------------------- copy, download, share

const copied = [];

async function copyText(text) {
  copied.push(text);
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h('textarea', { class: 'visually-hidden', readonly: true });
    area.value = text;
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

function copyButton(label, getText) {
  const button = h('button', {
    type: 'button',
    class: 'copy',
    on: {
      click: async () => {
        const ok = await copyText(getText());
        button.textContent = ok ? 'Copied' : 'Copy failed';
        announce(ok ? 'Copied to the clipboard' : 'Could not copy: select the text and copy it');
        setTimeout(() => (button.textContent = label), 1500);
      },
    },
  }, label);
  return button;
}

function downloadFixMigration() {
  const sql = fixMigration(state.findings || [], { version: state.version, files: state.checked?.map((f) => f.name) || [] });
  if (!sql) return;
  const url = URL.createObjectURL(new Blob([sql], { type: 'application/sql' }));
  const a = h('a', { href: url, download: 'fklint-forward-fixes.sql', class: 'visually-hidden' }, 'download');
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  announce('Downloaded fklint-forward-fixes.sql');
}

async function share() {
  const fragment = await encodeState({ dialect: state.dialect, active: state.active, files: state.files });
  history.replaceState(null, '', `#${fragment}`);
  lastHash = location.hash;
  const url = location.href;
  $('share-url').value = url;
  $('share-panel').hidden = false;
  const ok = await copyText(url);
  const kb = (url.length / 1024).toFixed(1);
  $('share-note').textContent = `${ok ? 'Copied. ' : ''}${kb} KB link; it carries all ${state.files.length} file(s), compressed.${url.length > 1_000_000 ? ' Very long links may not survive every chat or browser.' : ''}`;
  $('share-url').focus();
  $('share-url').select();
}

let lastHash = '';
async function loadFromHash() {
  if (location.hash === lastHash) return false;
  lastHash = location.hash;
  try {
    const shared = await decodeState(location.hash);
    if (!shared) return false;
    $('example').value = '';
    showExampleNote(null);
    setFiles(shared.files, { active: shared.active, dialect: shared.dialect });
    announce('Loaded the shared input');
    return true;
  } catch (err) {
    setStatus(`This share link is damaged: ${err.message}`, 'error');
    return false;
  }
}

// ---------------------------------------------------------------- diagram

let graphRequest = 0;
async function refreshGraph() {
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

// ---------------------------------------------------------------- result tabs, theme, misc

function showTab(which) {
  const findings = which === 'findings';
  $('tab-findings').setAttribute('aria-selected', String(findings));
  $('tab-diagram').setAttribute('aria-selected', String(!findings));
  $('tab-findings').tabIndex = findings ? 0 : -1;
  $('tab-diagram').tabIndex = findings ? -1 : 0;
  $('panel-findings').hidden = !findings;
  $('panel-diagram').hidden = findings;
  if (!findings) refreshGraph();
}

for (const id of ['tab-findings', 'tab-diagram']) {
  $(id).addEventListener('click', () => showTab(id === 'tab-findings' ? 'findings' : 'diagram'));
  $(id).addEventListener('keydown', (e) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const next = id === 'tab-findings' ? 'diagram' : 'findings';
      showTab(next);
      $(`tab-${next}`).focus();
    }
  });
}

const THEMES = ['auto', 'light', 'dark'];
function applyTheme(theme) {
  if (theme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  $('theme').textContent = `Theme: ${theme}`;
  $('theme').setAttribute('aria-label', `Colour theme: ${theme === 'auto' ? 'follow the system' : theme}. Change`);
  try {
    if (theme === 'auto') localStorage.removeItem('fklint-theme');
    else localStorage.setItem('fklint-theme', theme);
  } catch {
    /* storage disabled */
  }
}
applyTheme(document.documentElement.dataset.theme || 'auto');
$('theme').addEventListener('click', () => {
  const current = document.documentElement.dataset.theme || 'auto';
  applyTheme(THEMES[(THEMES.indexOf(current) + 1) % THEMES.length]);
});

let announceTimer = 0;
function announce(text) {
  // Status messages go through the live region without replacing the check summary for long.
  const el = $('status');
  const previous = el.dataset.summary ?? el.textContent;
  el.dataset.summary = previous;
  el.textContent = text;
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    if (el.textContent === text) el.textContent = el.dataset.summary;
    delete el.dataset.summary;
  }, 2500);
}

// Examples menu.
for (const ex of examples) $('example').append(h('option', { value: ex.id }, ex.title));
function loadExample(id) {
  const ex = examples.find((e) => e.id === id);
  if (!ex) return;
  setFiles(ex.files);
  $('example').value = id;
  showExampleNote(ex);
}

function showExampleNote(ex) {
  const note = $('example-note');
  note.hidden = !ex;
  note.textContent = ex ? ex.summary : '';
}
$('example').addEventListener('change', (e) => {
  if (!e.target.value) return;
  history.replaceState(null, '', location.pathname + location.search);
  lastHash = '';
  loadExample(e.target.value);
});

$('dialect').value = state.dialect;
$('dialect').addEventListener('change', (e) => {
  setDialect(e.target.value, { remember: true });
  runCheck();
});
$('new-file').addEventListener('click', newFile);
$('open-files').addEventListener('click', () => $('file-input').click());
$('open-folder').addEventListener('click', () => $('folder-input').click());
$('file-input').addEventListener('change', async (e) => loadFiles(await readInput(e.target), 'the chosen files'));
$('folder-input').addEventListener('change', async (e) => loadFiles(await readInput(e.target), 'the chosen folder'));
$('download-fix').addEventListener('click', downloadFixMigration);
$('share').addEventListener('click', share);
$('share-copy').addEventListener('click', async () => {
  const ok = await copyText($('share-url').value);
  announce(ok ? 'Link copied' : 'Select the link and copy it');
});
$('share-close').addEventListener('click', () => {
  $('share-panel').hidden = true;
  $('share').focus();
});
$('zoom-in').addEventListener('click', () => setZoom(state.zoom * 1.25));
$('zoom-out').addEventListener('click', () => setZoom(state.zoom / 1.25));
$('zoom-fit').addEventListener('click', fitZoom);
window.addEventListener('hashchange', loadFromHash);

const dropzone = $('dropzone');
let dragDepth = 0;
dropzone.addEventListener('dragenter', (e) => {
  e.preventDefault();
  dragDepth++;
  dropzone.classList.add('dropping');
});
dropzone.addEventListener('dragover', (e) => {
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
});
dropzone.addEventListener('dragleave', () => {
  if (--dragDepth <= 0) {
    dragDepth = 0;
    dropzone.classList.remove('dropping');
  }
});
dropzone.addEventListener('drop', async (e) => {
  e.preventDefault();
  dragDepth = 0;
  dropzone.classList.remove('dropping');
  loadFiles(await readDropped(e.dataTransfer), 'the dropped items');
});

// ---------------------------------------------------------------- start

const timings = [];
const ready = (async () => {
  const reply = await ask({ type: 'init' });
  state.version = reply.version;
  $('version').textContent = reply.version;
  if (Array.isArray(reply.rules)) for (const rule of reply.rules) state.rules.set(rule.code, rule);
  return reply;
})();
ready.catch((err) => setStatus(`The checker failed to load: ${err.message}`, 'error'));

if (!(await loadFromHash())) loadExample(DEFAULT_EXAMPLE);

// A small surface for the end-to-end tests and the benchmark (no effect on the page).
window.fklint = {
  ready,
  get state() {
    return state;
  },
  get copied() {
    return copied;
  },
  timings,
  load: (files, options) => setFiles(files, options),
  check: () => runCheck(),
  ask,
  /** Resolves when no check is scheduled or running and the last result is rendered. */
  idle: () => new Promise((resolve) => {
    idleWaiters.push(resolve);
    settleIdle();
  }),
};
