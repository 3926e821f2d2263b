// Editor and files: the editor of the selected file, the file tabs, the database of a file, adding, removing,
// opening and dropping files, and the finding locations marked in the editor.
import { h, clear } from '../lib/dom.js';
import { Editor, languageOf } from '../lib/editor.js';
import { lineStarts, rangeOf } from '../lib/offsets.js';
import { sortByPath } from '../lib/natural.js';
import { $, state, announce, setStatus } from './state.js';
import { setDialect } from './dialect.js';
import { wantedInFolder } from './tool.js';
import { scheduleCheck, runCheck, onBeforeCheck } from './checker.js';

let edited = false; // the editor's text is newer than state.files[state.active].text
let sizeTimer = 0;
export const editor = new Editor($('editor'), {
  label: 'SQL of the selected migration file',
  onInput: () => {
    edited = true;
    clearTimeout(sizeTimer);
    sizeTimer = setTimeout(updateFileSize, 400);
    scheduleCheck();
  },
  onCursor: ({ line, column }) => {
    $('cursor-pos').textContent = `Ln ${line}, Col ${column}`;
  },
});

/**
 * Copies the editor's text into the state. Typing only marks it changed: copying a megabyte document on every
 * keystroke would stall, so readers of the selected file's text call this first (checks do, through the hook).
 */
export function syncText() {
  if (!edited) return;
  edited = false;
  if (state.files[state.active]) state.files[state.active].text = editor.getText();
}
onBeforeCheck(syncText);

/** UTF-8 bytes of a text, without encoding it. */
function utf8Length(text) {
  let n = text.length;
  // eslint-disable-next-line no-control-regex
  const wide = /[^\x00-\x7f]/g;
  let m;
  while ((m = wide.exec(text))) {
    const c = m[0].charCodeAt(0);
    if (c >= 0xd800 && c <= 0xdfff) n += 1; // each half of a surrogate pair: 2 + 2 = 4 bytes
    else n += c < 0x800 ? 1 : 2;
  }
  return n;
}

export function updateFileSize() {
  syncText();
  const text = state.files[state.active]?.text || '';
  const kb = utf8Length(text) / 1024;
  $('file-size').textContent = kb >= 1 ? `${kb.toFixed(kb >= 100 ? 0 : 1)} KB` : `${text.length} chars`;
}

// ---------------------------------------------------------------- tabs

export function renderTabs() {
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

const shownHooks = [];
/** fn() runs whenever a file is shown in the editor (to mark its findings). */
export function onFileShown(fn) {
  shownHooks.push(fn);
}

/** The dialect the files are read as: the chosen one, else the one the last check detected. */
export function readDialect() {
  return state.dialect !== 'auto' ? state.dialect : state.result?.summary?.dialect || 'postgres';
}

/** Colours the editor for the selected file: Python, TypeScript, Ruby, ... by its name, else SQL of the dialect read. */
export function updateLanguage() {
  editor.setLanguage(languageOf(state.files[state.active]?.name, readDialect()));
}

export function switchFile(i) {
  syncText();
  state.active = i;
  editor.open(state.files[i].name, state.files[i].text);
  updateLanguage();
  $('file-database').value = state.files[i].database || '';
  updateFileSize();
  renderTabs();
  for (const fn of shownHooks) fn();
}

$('file-database').addEventListener('input', (e) => {
  state.files[state.active].database = e.target.value;
  renderTabs();
  scheduleCheck();
});

function removeFile(i) {
  syncText();
  editor.forget(state.files[i].name);
  state.files.splice(i, 1);
  state.active = Math.min(state.active, state.files.length - 1);
  switchFile(state.active);
  scheduleCheck(0);
}

/** Replaces every file (a load, an example, a share link) and checks them. */
export function setFiles(files, { active = 0, dialect } = {}) {
  edited = false;
  state.files = files.length
    ? files.map((f) => ({ name: f.name, text: f.text, database: typeof f.database === 'string' ? f.database : '' }))
    : [{ name: 'migration.sql', text: '', database: '' }];
  state.active = Math.min(active, state.files.length - 1);
  editor.forgetAll();
  if (dialect) setDialect(dialect);
  state.selected = null;
  state.expanded.clear();
  state.findings = [];
  state.userZoomed = false;
  $('example').value = '';
  showExampleNote(null);
  $('input-note').hidden = true;
  // The check starts first (in the worker) and the editor opens in a task of its own: reading a megabyte into
  // the editor and laying it out, on top of reading the dropped files, would be one long task.
  runCheck();
  const generation = ++filesGeneration;
  const shown = state.files[state.active];
  opening = editor.prepare(shown.name, shown.text).then(() => {
    if (generation === filesGeneration) switchFile(state.active);
  });
}

let filesGeneration = 0;
let opening = Promise.resolve();
/** Resolves once the editor shows the files last set (a result is rendered after it: its marks go there). */
export function editorSettled() {
  return opening;
}

/** The example's description above the editor (none when what is loaded is not an example). */
export function showExampleNote(ex) {
  const note = $('example-note');
  note.hidden = !ex;
  note.textContent = ex ? ex.summary : '';
}

export function newFile() {
  syncText();
  let n = state.files.length + 1;
  const names = new Set(state.files.map((f) => f.name));
  while (names.has(`${String(n).padStart(4, '0')}_migration.sql`)) n++;
  state.files.push({ name: `${String(n).padStart(4, '0')}_migration.sql`, text: '', database: state.files[state.active]?.database || '' });
  switchFile(state.files.length - 1);
  editor.focus();
}

// ---------------------------------------------------------------- opening and dropping

export async function readDropped(dataTransfer) {
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
    } else if (!hasFolder || wantedInFolder(entry.fullPath)) {
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

export async function readInput(input) {
  const files = [...input.files].filter((f) => !input.webkitdirectory || wantedInFolder(f.webkitRelativePath || f.name));
  const out = [];
  for (const file of files) out.push({ name: file.webkitRelativePath || file.name, text: await file.text() });
  input.value = '';
  return sortByPath(out);
}

/**
 * A file that is not text (an image, an archive, a database file): a NUL character, or many bytes that are not
 * UTF-8, near its start. Such a file is never checked: read as SQL, it would give a meaningless result.
 */
export function isBinary(text) {
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return true;
  let replaced = 0;
  for (const ch of head) if (ch === '\ufffd') replaced++;
  return replaced > Math.max(4, head.length / 100);
}

/** Loads opened or dropped files; files that are not text are left out, and said so (never a green result). */
export function loadFiles(files, what) {
  const binary = files.filter((f) => isBinary(f.text));
  const text = files.filter((f) => !isBinary(f.text));
  if (text.length) setFiles(text);
  const note = $('input-note');
  note.hidden = !binary.length;
  note.textContent = binary.length
    ? `Not checked: ${binary.map((f) => f.name).join(', ')} ${binary.length === 1 ? 'is not a text file' : 'are not text files'} (binary content). fklint reads SQL migrations and Python, Drizzle, Prisma, Rails and Laravel sources.`
    : '';
  if (text.length) announce(`Loaded ${text.length} file${text.length === 1 ? '' : 's'} from ${what}`);
  else if (binary.length) setStatus(`Nothing to check: ${binary.length === 1 ? `${binary[0].name} is` : `the ${binary.length} files are`} not text`, 'error');
  else announce(`No .sql files in ${what}`);
}

// ---------------------------------------------------------------- locations in the editor

export function fileIndex(name) {
  return state.files.findIndex((f) => f.name === name);
}

let startsCache = { text: null, starts: [0] };
/** Line starts of the selected file's text (kept while the text is unchanged). */
export function currentStarts() {
  syncText();
  const text = state.files[state.active].text;
  if (startsCache.text !== text) startsCache = { text, starts: lineStarts(text) };
  return startsCache.starts;
}

/** The UTF-16 range of a location in the selected file. */
export function rangeInActive(loc) {
  return rangeOf(loc, state.files[state.active].text, currentStarts());
}

/** Selects a location (switching to its file): for related locations. */
export function goTo(loc) {
  const i = fileIndex(loc.file);
  if (i < 0) return;
  if (i !== state.active) switchFile(i);
  const [start, end] = rangeInActive(loc);
  editor.select(start, end);
}
