// Share links: the whole input travels in the URL fragment (after `#`, which browsers never send to a server),
// as deflate-raw-compressed JSON in base64url. Format: `#z=<base64url>`.

function toBase64Url(bytes) {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** state = {dialect, files: [{name, text, database?}], active} → fragment string (without '#'). */
export async function encodeState(state) {
  const json = JSON.stringify({
    v: 1,
    d: state.dialect,
    a: state.active || 0,
    // The database is a third element only when set, so links without databases stay as they were.
    f: state.files.map((f) => (f.database ? [f.name, f.text, f.database] : [f.name, f.text])),
  });
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return 'z=' + toBase64Url(packed);
}

/** fragment (with or without '#') → state, or null when it carries none; throws on a damaged link. */
export async function decodeState(fragment) {
  const hash = fragment.replace(/^#/, '');
  if (!hash.startsWith('z=')) return null;
  const bytes = await pipe(fromBase64Url(hash.slice(2)), new DecompressionStream('deflate-raw'));
  const data = JSON.parse(new TextDecoder().decode(bytes));
  if (data.v !== 1 || !Array.isArray(data.f)) throw new Error('unknown share link format');
  const files = data.f
    .filter((f) => Array.isArray(f) && typeof f[0] === 'string' && typeof f[1] === 'string')
    .map(([name, text, database]) => ({ name, text, database: typeof database === 'string' ? database : '' }));
  if (files.length === 0) throw new Error('the share link carries no files');
  return {
    dialect: typeof data.d === 'string' ? data.d : 'postgres',
    active: Number.isInteger(data.a) && data.a >= 0 && data.a < files.length ? data.a : 0,
    files,
  };
}
