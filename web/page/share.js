// Share links: the files, their order, the selected file and the dialect in the URL fragment, and opening one.
import { encodeState, decodeState } from '../lib/share.js';
import { $, state, setStatus, announce } from './state.js';
import { setFiles, showExampleNote, syncText } from './files.js';
import { copyText } from './fixes.js';

let lastHash = '';

/** The page's fragment no longer describes what is loaded (an example was chosen). */
export function forgetHash() {
  history.replaceState(null, '', location.pathname + location.search);
  lastHash = '';
}

export async function share() {
  syncText();
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

/** Loads what the URL's fragment carries; false when it carries nothing new. */
export async function loadFromHash() {
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

$('share').addEventListener('click', share);
$('share-copy').addEventListener('click', async () => {
  const ok = await copyText($('share-url').value);
  announce(ok ? 'Link copied' : 'Select the link and copy it');
});
$('share-close').addEventListener('click', () => {
  $('share-panel').hidden = true;
  $('share').focus();
});
window.addEventListener('hashchange', loadFromHash);
