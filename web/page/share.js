// Share links: the files, their order, the selected file and the dialect in the URL fragment, and opening one.
import { encodeState, decodeState } from '../lib/share.js';
import { $, state, setStatus, announce } from './state.js';
import { setFiles, showExampleNote, syncText } from './files.js';
import { copyText, download } from './fixes.js';

/**
 * Above this length a link is not offered as the way to share: chats, mail and many browsers' address bars cut
 * or refuse URLs long before Chromium's 2 MB limit. The input is offered as a file instead, which the page opens
 * again (Open files…, or drop it).
 */
export const MAX_LINK = 64 * 1024;
const SHARE_FILE = 'fklint-share.json';

let lastHash = '';

/** The page's fragment no longer describes what is loaded (an example was chosen). */
export function forgetHash() {
  history.replaceState(null, '', location.pathname + location.search);
  lastHash = '';
}

export async function share() {
  syncText();
  const fragment = await encodeState({ dialect: state.dialect, active: state.active, files: state.files });
  const url = `${location.origin}${location.pathname}${location.search}#${fragment}`;
  const kb = (url.length / 1024).toFixed(1);
  $('share-panel').hidden = false;
  const tooLong = url.length > MAX_LINK;
  $('share-too-long').hidden = !tooLong;
  $('share-url').closest('.row').hidden = tooLong;
  $('share-url').value = tooLong ? '' : url;
  if (tooLong) {
    $('share-note').textContent = '';
    $('share-too-long-text').textContent = `The link would be ${kb} KB, too long for a URL (chats, mail and browsers cut links long before that). Share the input as a file instead: Open files… or a drop on the page opens it again.`;
    $('share-download').focus();
    return;
  }
  history.replaceState(null, '', `#${fragment}`);
  lastHash = location.hash;
  const ok = await copyText(url);
  $('share-note').textContent = `${ok ? 'Copied. ' : ''}${kb} KB link; it carries all ${state.files.length} file(s), compressed.`;
  $('share-url').focus();
  $('share-url').select();
}

/** The input as a file (the share link's content, uncompressed JSON) that opening or dropping restores. */
export function downloadShareFile() {
  syncText();
  const json = JSON.stringify({ fklint_share: 1, dialect: state.dialect, active: state.active, files: state.files.map(({ name, text, database }) => ({ name, text, database })) });
  download(json, SHARE_FILE, 'application/json');
  announce(`Downloaded ${SHARE_FILE}`);
}

/** The state a share file carries, or null when `files` is not exactly one such file. */
export function sharedFromFile(files) {
  if (files.length !== 1 || !/\.json$/i.test(files[0].name)) return null;
  try {
    const data = JSON.parse(files[0].text);
    if (data?.fklint_share !== 1 || !Array.isArray(data.files)) return null;
    const list = data.files.filter((f) => typeof f?.name === 'string' && typeof f?.text === 'string');
    return list.length ? { dialect: data.dialect, active: Number.isInteger(data.active) ? data.active : 0, files: list } : null;
  } catch {
    return null;
  }
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
$('share-download').addEventListener('click', downloadShareFile);
$('share-close').addEventListener('click', () => {
  $('share-panel').hidden = true;
  $('share').focus();
});
window.addEventListener('hashchange', loadFromHash);
