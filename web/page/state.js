// The page's shared state and the few helpers every part of the page uses: element lookup, the status line and
// short announcements through it. Imports nothing of the page: every other page module may import this one.
export const $ = (id) => document.getElementById(id);

export const SEVERITIES = [
  ['error', 'Errors', 'the database rejects the migration'],
  ['warning', 'Warnings', 'accepted, but fragile'],
  ['info', 'Info', 'advice'],
];
export const DIALECT_NAMES = { postgres: 'PostgreSQL', mysql: 'MySQL', sqlite: 'SQLite' };

export const state = {
  files: [{ name: 'migration.sql', text: '', database: '' }],
  active: 0,
  dialect: 'auto',
  result: null, // the last check result rendered
  checked: null, // the sources it was computed from
  findings: [],
  rules: new Map(),
  version: '',
  selected: null, // key of the selected finding
  expanded: new Set(),
  graphStale: true,
  zoom: 1,
  layout: null,
};

/** Resolves in a later task: work after it runs after the browser has had a turn (input, layout, paint), so a
 * large result is handled in several short tasks instead of one long one. */
export function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function setStatus(text, kind = '') {
  const el = $('status');
  el.textContent = text;
  el.dataset.kind = kind;
}

let announceTimer = 0;
/** Status messages go through the live region without replacing the check summary for long. */
export function announce(text) {
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
