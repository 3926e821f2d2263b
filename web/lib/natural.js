// Natural (numeric-aware) order of migration file names, exactly as the CLI sorts a directory
// (crates/fklint-cli/src/inputs.rs): digit runs compare by value, then by length (`2` < `02`); everything else
// byte by byte (UTF-8). Paths compare component by component, so one folder's files stay together.
const encoder = new TextEncoder();

function isDigit(b) {
  return b >= 0x30 && b <= 0x39;
}

function runEnd(bytes, i) {
  while (i < bytes.length && isDigit(bytes[i])) i++;
  return i;
}

function compareNumbers(a, b) {
  let za = 0;
  while (za < a.length && a[za] === 0x30) za++;
  let zb = 0;
  while (zb < b.length && b[zb] === 0x30) zb++;
  const va = a.subarray(za);
  const vb = b.subarray(zb);
  if (va.length !== vb.length) return va.length < vb.length ? -1 : 1;
  for (let k = 0; k < va.length; k++) if (va[k] !== vb[k]) return va[k] < vb[k] ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function naturalCompare(x, y) {
  const a = encoder.encode(x);
  const b = encoder.encode(y);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    let ord;
    if (isDigit(a[i]) && isDigit(b[j])) {
      const ei = runEnd(a, i);
      const ej = runEnd(b, j);
      ord = compareNumbers(a.subarray(i, ei), b.subarray(j, ej));
      i = ei;
      j = ej;
    } else {
      ord = a[i] === b[j] ? 0 : a[i] < b[j] ? -1 : 1;
      i++;
      j++;
    }
    if (ord !== 0) return ord;
  }
  const ra = a.length - i;
  const rb = b.length - j;
  return ra === rb ? 0 : ra < rb ? -1 : 1;
}

export function comparePaths(x, y) {
  const a = x.split('/');
  const b = y.split('/');
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    const ord = naturalCompare(a[k], b[k]);
    if (ord !== 0) return ord;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function sortByPath(items, key = (item) => item.name) {
  return [...items].sort((p, q) => comparePaths(key(p), key(q)));
}
