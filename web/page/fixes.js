// Fixes: applying an edit fix to the input, copying fix text, and the forward fixes as one downloadable migration.
import { h } from '../lib/dom.js';
import { fixMigration } from '../lib/fixes.js';
import { byteMapper } from '../lib/offsets.js';
import { state, announce } from './state.js';
import { runCheck } from './checker.js';
import { editor, updateFileSize, fileIndex, syncText } from './files.js';

/** Every text copied, in order (the tests read it: headless clipboards are not always readable). */
export const copied = [];

export async function copyText(text) {
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

export function copyButton(label, getText) {
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

/**
 * Applies a finding's edit fix in place, through the editor (so Ctrl-Z undoes it, file by file), and re-checks.
 * The fix's byte offsets are those of the checked text: when a file changed since, nothing is applied.
 */
export function applyEdit(f) {
  syncText();
  const byFile = new Map();
  for (const e of f.fix?.edits || []) byFile.set(e.file, [...(byFile.get(e.file) || []), e]);
  for (const name of byFile.keys()) {
    const i = fileIndex(name);
    const checked = state.checked?.find((s) => s.name === name);
    if (i < 0 || !checked || checked.text !== state.files[i].text) {
      announce('The text changed since the last check: apply the fix after the next one');
      runCheck();
      return false;
    }
  }
  for (const [name, edits] of byFile) {
    const i = fileIndex(name);
    const text = state.files[i].text;
    const map = byteMapper(text);
    const changes = edits
      .map((e) => ({ from: map(e.start), to: map(e.end), insert: e.replacement }))
      .sort((a, b) => a.from - b.from);
    state.files[i].text = editor.change(name, changes) ?? splice(text, changes);
  }
  syncText(); // the change marked the shown file edited: its text is already in the state
  updateFileSize();
  announce(`Applied: ${f.fix.title}`);
  runCheck();
  return true;
}

/** The text with sorted, non-overlapping changes applied (a file the editor has not shown yet). */
function splice(text, changes) {
  let out = text;
  for (const c of [...changes].reverse()) out = out.slice(0, c.from) + c.insert + out.slice(c.to);
  return out;
}

/** Saves a file through a temporary link (nothing leaves the page: the URL is a blob of this page). */
export function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name, class: 'visually-hidden' }, 'download');
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadFixMigration() {
  const sql = fixMigration(state.findings || [], { version: state.version, files: state.checked?.map((f) => f.name) || [] });
  if (!sql) return;
  download(sql, 'fklint-forward-fixes.sql', 'application/sql');
  announce('Downloaded fklint-forward-fixes.sql');
}
