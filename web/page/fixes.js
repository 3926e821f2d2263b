// Fixes: applying an edit fix to the input, copying fix text, and the forward fixes as one downloadable migration.
import { h } from '../lib/dom.js';
import { applyFix, fixMigration } from '../lib/fixes.js';
import { state, announce } from './state.js';
import { runCheck } from './checker.js';
import { editor, updateFileSize } from './files.js';

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

/** Applies a finding's edit fix to the files and re-checks. */
export function applyEdit(f) {
  state.files = applyFix(f.fix, state.files);
  editor.setText(state.files[state.active].text);
  updateFileSize();
  announce(`Applied: ${f.fix.title}`);
  runCheck();
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
