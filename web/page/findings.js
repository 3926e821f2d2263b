// Findings: the result of a check as the status line, the summary and the list of findings grouped by severity,
// each with its related locations, its fix in both forms and its rule's docs; selecting a finding marks it.
import { h, clear } from '../lib/dom.js';
import { renderMarkdown } from '../lib/markdown.js';
import { editPreview } from '../lib/fixes.js';
import { $, state, setStatus, nextTask, SEVERITIES, DIALECT_NAMES } from './state.js';
import { showDetected } from './dialect.js';
import { showTool } from './tool.js';
import { rangeOf } from '../lib/offsets.js';
import { editor, renderTabs, switchFile, fileIndex, rangeInActive, goTo, currentStarts, onFileShown, updateLanguage, editorSettled } from './files.js';
import { applyEdit, copyButton } from './fixes.js';
import { refreshGraph } from './diagram.js';

const CHUNK = 40; // findings rendered per slice of main-thread work
const TASK_ROWS = 3 * CHUNK; // at most this many rows are added in one task
/** Rows listed per severity until "Show all": thousands of rows cost seconds of layout and help nobody scan. */
const LIST_MAX = 200;

/** A finding's key: its place in the result and where it is (line and column, not bytes: typing above a
 * finding on an earlier line keeps its key, and so its row in the list). */
export function findingKey(f, i) {
  return `${i}:${f.code}:${f.file}:${f.line}:${f.column}`;
}

/** The finding of the last result with `key` (list rows are kept across results that list the same findings). */
function current(key) {
  return state.byKey?.get(key);
}

let renderedSignature = null;
/** What the list shows of a result: when a re-check gives the same, the rows stay (no re-render while typing). */
function signature(findings) {
  return findings.map((f) => `${f.key}|${f.severity}|${f.message}`).join('\n');
}

let showing = 0; // the result being shown: a newer one stops an older one between its steps

export async function showResult(result, sources, checkMs) {
  const my = ++showing;
  await editorSettled();
  if (my !== showing) return;
  showDetected(result.error ? null : result.summary);
  showTool(result.error ? null : result.summary);
  if (result.error) {
    state.result = null;
    renderedSignature = null;
    setStatus(`The checker refused the input: ${result.error.message}`, 'error');
    clear($('findings')).append(h('p', { class: 'empty' }, result.error.message));
    return;
  }
  const previous = state.selected;
  state.result = result;
  state.checked = sources;
  state.graphStale = true;
  state.findings = result.findings.map((f, i) => ({ ...f, key: findingKey(f, i) }));
  state.byKey = new Map(state.findings.map((f) => [f.key, f]));
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
  updateLanguage();
  // The marks in the editor and the list each in tasks of their own (on a corpus-sized result, each is tens of ms).
  await nextTask();
  if (my !== showing) return;
  updateMarks();
  await nextTask();
  if (my !== showing) return;
  const same = signature(state.findings);
  if (same === renderedSignature && $('findings').querySelector('.finding')) {
    refreshDetails();
  } else {
    renderedSignature = same;
    await renderFindings();
  }
  if (!$('panel-diagram').hidden) refreshGraph();
}

/** The open details of kept rows, built again from the new result (their fix previews read the current text). */
function refreshDetails() {
  for (const key of state.expanded) {
    const li = $('findings').querySelector(`.finding[data-key="${CSS.escape(key)}"]`);
    const f = current(key);
    const old = li?.querySelector('.detail');
    if (f && old) old.replaceWith(findingDetail(f, old.id));
  }
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
    const section = h('section', { class: `group ${severity}` },
      h('h3', { id: headingId }, h('span', { class: `sev-dot ${severity}`, 'aria-hidden': 'true' }), `${title} (${items.length})`, h('span', { class: 'muted hint' }, ` — ${hint}`)),
      list);
    root.append(section);
    lists.push([list, items.slice(0, LIST_MAX)]);
    if (items.length > LIST_MAX) {
      const more = h('button', {
        type: 'button',
        class: 'show-all',
        on: {
          click: async () => {
            more.disabled = true;
            await renderSlices([[list, items.slice(LIST_MAX)]], null);
            more.remove();
          },
        },
      }, `Show all ${items.length} ${title.toLowerCase()} (${items.length - LIST_MAX} more)`);
      section.append(more);
    }
  }
  await renderSlices(lists, (renderFindings.token = {}));
}

/**
 * Appends rows in slices so that a corpus-sized result never blocks the main thread for long: a task ends after
 * 8 ms of building rows or after TASK_ROWS rows (their style and layout come after, in the same task).
 */
async function renderSlices(lists, token) {
  let budgetStart = performance.now();
  let rows = 0;
  for (const [list, items] of lists) {
    for (let i = 0; i < items.length; i += CHUNK) {
      const frag = document.createDocumentFragment();
      for (const f of items.slice(i, i + CHUNK)) frag.append(findingItem(f));
      list.append(frag);
      rows += Math.min(CHUNK, items.length - i);
      if (performance.now() - budgetStart > 8 || rows >= TASK_ROWS) {
        await nextTask();
        if (renderFindings.token !== token && token !== null) return;
        budgetStart = performance.now();
        rows = 0;
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
      click: () => toggleFinding(current(f.key) || f, li),
      focus: () => selectFinding(current(f.key) || f, { scroll: true }),
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

/** Opens finding `index` of the result in the list: expanded, focused (which selects it). */
export function revealFinding(index) {
  const f = state.findings[index];
  if (!f) return;
  const li = $('findings').querySelector(`.finding[data-key="${CSS.escape(f.key)}"]`);
  if (!li) return selectFinding(f, { scroll: true }); // past the rows listed: shown in the editor
  if (!state.expanded.has(f.key)) toggleFinding(f, li);
  li.querySelector('.finding-head')?.focus();
  li.scrollIntoView({ block: 'nearest' });
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


export function selectFinding(f, { scroll = false } = {}) {
  if (state.selected !== f.key) {
    // The diagram follows the selected finding again (until a table is picked there).
    state.diagramView = { focus: null, whole: false };
    state.graphStale = true;
  }
  state.selected = f.key;
  for (const el of $('findings').querySelectorAll('.finding.selected')) el.classList.remove('selected');
  $('findings').querySelector(`.finding[data-key="${CSS.escape(f.key)}"]`)?.classList.add('selected');
  const i = fileIndex(f.file);
  if (i >= 0 && i !== state.active) switchFile(i);
  updateMarks();
  if (scroll && i >= 0) {
    const [start, end] = rangeInActive(f);
    editor.reveal(start, end);
  }
}

// ---------------------------------------------------------------- findings in the editor

/** The selected file's findings as editor diagnostics (hover: code, message, rule; action: the edit fix). */
export function updateMarks() {
  const file = state.files[state.active];
  if (!file) return editor.setMarks([]);
  const starts = currentStarts();
  const marks = [];
  for (const f of state.findings || []) {
    if (f.file !== file.name) continue;
    const [start, end] = rangeOf(f, file.text, starts);
    marks.push({
      id: f.key,
      start,
      end,
      severity: f.severity,
      message: `${f.code}: ${f.message}`,
      renderMessage: () => hoverMessage(f),
      actions: f.fix?.edits?.length ? [{ name: f.fix.title, apply: () => applyEdit(f) }] : undefined,
    });
  }
  const selected = (state.findings || []).find((f) => f.key === state.selected);
  for (const r of selected?.related || []) {
    if (r.file !== file.name) continue;
    const [start, end] = rangeOf(r, file.text, starts);
    marks.push({ id: `${selected.key}:related`, start, end, severity: 'related' });
  }
  editor.setMarks(marks);
  editor.setActive(state.selected);
}
onFileShown(updateMarks);

function hoverMessage(f) {
  const rule = state.rules.get(f.code);
  return h('div', { class: 'fk-diag' },
    h('span', { class: 'fk-diag-code' }, f.code),
    h('span', { class: 'fk-diag-message' }, f.message),
    rule ? h('span', { class: 'fk-diag-rule' }, `${rule.name}: ${rule.summary}`) : null);
}
