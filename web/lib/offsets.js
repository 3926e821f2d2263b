// Positions: the checker reports UTF-8 byte offsets and 1-based lines/columns (plus UTF-16 columns);
// JavaScript strings index UTF-16 code units. These helpers convert between them.

/** UTF-16 index of the start of every line (line 1 is index 0). */
export function lineStarts(text) {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

/** The 0-based line that contains UTF-16 index `pos`. */
export function lineOf(starts, pos) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const CHECKPOINT = 512;

function utf8Len(code) {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdfff ? 2 : 3;
}

/**
 * A function from UTF-8 byte offset to UTF-16 index for `text`. ASCII text maps to itself; otherwise a
 * checkpoint table (every 512 code units) bounds each conversion to a short walk.
 */
export function byteMapper(text) {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return (b) => Math.max(0, Math.min(b, text.length));
  const checkpoints = [0];
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    if (i % CHECKPOINT === 0 && i > 0) checkpoints.push(bytes);
    bytes += utf8Len(text.charCodeAt(i)); // a surrogate pair counts 2 + 2 = 4 bytes
  }
  const total = bytes;
  return (b) => {
    if (b <= 0) return 0;
    if (b >= total) return text.length;
    let lo = 0;
    let hi = checkpoints.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (checkpoints[mid] <= b) lo = mid;
      else hi = mid - 1;
    }
    let i = lo * CHECKPOINT;
    let at = checkpoints[lo];
    while (i < text.length && at < b) {
      at += utf8Len(text.charCodeAt(i));
      i++;
    }
    return i;
  };
}

/**
 * The UTF-16 range [start, end) of a finding (or related location) in `text`, from its line and UTF-16 columns
 * when present, else from its byte offsets.
 */
export function rangeOf(loc, text, starts, toUtf16) {
  if (loc.line && loc.column_utf16 && loc.end_line && loc.end_column_utf16 && starts[loc.line - 1] !== undefined) {
    const start = starts[loc.line - 1] + loc.column_utf16 - 1;
    const endBase = starts[loc.end_line - 1];
    const end = endBase === undefined ? start : endBase + loc.end_column_utf16 - 1;
    return [clamp(start, text), clamp(Math.max(end, start), text)];
  }
  const map = toUtf16 || byteMapper(text);
  return [map(loc.start ?? 0), map(loc.end ?? loc.start ?? 0)];
}

function clamp(n, text) {
  return Math.max(0, Math.min(n, text.length));
}
