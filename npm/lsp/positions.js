// fklint reports UTF-8 byte offsets; the Language Server Protocol counts lines and UTF-16 code units. A
// LineIndex of one text converts between them (a line's start found by binary search, then the bytes before
// the offset on that line decoded), so a range after an emoji or an accented name lands on the right letters.

export class LineIndex {
  constructor(text) {
    this.bytes = Buffer.from(text, 'utf8');
    this.lineStarts = [0];
    for (let i = 0; i < this.bytes.length; i++) {
      if (this.bytes[i] === 0x0a) this.lineStarts.push(i + 1);
    }
  }

  /** The LSP position `{ line, character }` (0-based, UTF-16) of a UTF-8 byte offset. */
  position(offset) {
    const clamped = Math.max(0, Math.min(offset, this.bytes.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= clamped) low = middle;
      else high = middle - 1;
    }
    const before = this.bytes.subarray(this.lineStarts[low], clamped).toString('utf8');
    return { line: low, character: before.length };
  }

  /** The LSP range of the byte range `start..end`. */
  range(start, end) {
    return { start: this.position(start), end: this.position(end) };
  }
}
