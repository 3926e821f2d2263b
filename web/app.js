// The fklint page: wires its parts together (page/*.js: state, dialect, checking, editor and files, fixes,
// findings, diagram, share) and adds the examples, the result tabs, the theme and drop handling. Everything the
// user provides is rendered as text (lib/dom.js never parses HTML).
import { h } from './lib/dom.js';
import { $, state, setStatus, announce } from './page/state.js';
import { storedDialect, setDialect } from './page/dialect.js';
import { ask, onResult, runCheck, idle, timings } from './page/checker.js';
import { editor, setFiles, showExampleNote, newFile, readDropped, readInput, loadFiles } from './page/files.js';
import { copied, downloadFixMigration } from './page/fixes.js';
import { showResult, revealFinding } from './page/findings.js';
import { refreshGraph, onOpenFinding } from './page/diagram.js';
import { loadFromHash, forgetHash, sharedFromFile } from './page/share.js';
import { detectToolSupport } from './page/tool.js';
import examples from './examples.js';

const DEFAULT_EXAMPLE = 'dotmac-platform';

state.dialect = storedDialect();
onResult(showResult);
onOpenFinding((index) => {
  showTab('findings');
  revealFinding(index);
});

// ---------------------------------------------------------------- result tabs, theme

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

// ---------------------------------------------------------------- examples and inputs

for (const ex of examples) $('example').append(h('option', { value: ex.id }, ex.title));
function loadExample(id) {
  const ex = examples.find((e) => e.id === id);
  if (!ex) return;
  setFiles(ex.files);
  $('example').value = id;
  showExampleNote(ex);
}
$('example').addEventListener('change', (e) => {
  if (!e.target.value) return;
  forgetHash();
  loadExample(e.target.value);
});

$('dialect').value = state.dialect;
$('dialect').addEventListener('change', (e) => {
  setDialect(e.target.value, { remember: true });
  runCheck();
});
$('tool').addEventListener('change', (e) => {
  state.tool = e.target.value;
  runCheck();
});
$('new-file').addEventListener('click', newFile);
$('open-files').addEventListener('click', () => $('file-input').click());
$('open-folder').addEventListener('click', () => $('folder-input').click());
/** Opened or dropped files: a share file (fklint-share.json) restores what it carries; anything else is loaded. */
function openFiles(files, what) {
  const shared = sharedFromFile(files);
  if (!shared) return loadFiles(files, what);
  setFiles(shared.files, { active: shared.active, dialect: shared.dialect });
  announce(`Opened the shared input (${shared.files.length} file${shared.files.length === 1 ? '' : 's'})`);
}
$('file-input').addEventListener('change', async (e) => openFiles(await readInput(e.target), 'the chosen files'));
$('folder-input').addEventListener('change', async (e) => openFiles(await readInput(e.target), 'the chosen folder'));
$('download-fix').addEventListener('click', downloadFixMigration);

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
  openFiles(await readDropped(e.dataTransfer), 'the dropped items');
});

// ---------------------------------------------------------------- start

const ready = (async () => {
  const reply = await ask({ type: 'init' });
  state.version = reply.version;
  $('version').textContent = reply.version;
  if (Array.isArray(reply.rules)) for (const rule of reply.rules) state.rules.set(rule.code, rule);
  // A checker with the project API: check again with the tool (the first check may have run without it).
  if (await detectToolSupport(ask)) runCheck();
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
  editor,
  load: (files, options) => setFiles(files, options),
  check: () => runCheck(),
  ask,
  /** Resolves when no check is scheduled or running and the last result is rendered. */
  idle,
};
