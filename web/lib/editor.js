// A code editor that stays fast on megabyte inputs: a plain <textarea> (native editing, undo, selection,
// accessibility) over a highlight layer and beside a line-number gutter. Only the visible lines (plus a margin)
// of the gutter and of the highlight layer are rendered, on scroll and after input, in one animation frame:
// a keystroke never re-renders the whole text. Marks (finding locations) are UTF-16 ranges of the text.
import { lineStarts, lineOf } from './offsets.js';

const MARGIN_LINES = 20;
const RANKS = ['error', 'warning', 'info', 'related'];

export class Editor {
  /**
   * root: an empty element. options: {label, readonly, onInput(text), lineHeight (px, must match CSS),
   * doc (document or shadow root's owner)}.
   */
  constructor(root, { label = 'SQL', readonly = false, onInput = () => {}, onCursor = () => {} } = {}) {
    const doc = root.ownerDocument;
    this.root = root;
    this.onInput = onInput;
    this.onCursor = onCursor;
    root.classList.add('fk-editor');
    this.gutter = doc.createElement('div');
    this.gutter.className = 'fk-gutter';
    this.gutter.setAttribute('aria-hidden', 'true');
    this.gutterInner = doc.createElement('pre');
    this.gutter.append(this.gutterInner);
    this.code = doc.createElement('div');
    this.code.className = 'fk-code';
    this.layer = doc.createElement('pre');
    this.layer.className = 'fk-layer';
    this.layer.setAttribute('aria-hidden', 'true');
    this.textarea = doc.createElement('textarea');
    this.textarea.className = 'fk-input';
    this.textarea.setAttribute('aria-label', label);
    this.textarea.setAttribute('wrap', 'off');
    this.textarea.setAttribute('spellcheck', 'false');
    this.textarea.setAttribute('autocomplete', 'off');
    this.textarea.setAttribute('autocapitalize', 'off');
    this.textarea.setAttribute('autocorrect', 'off');
    this.textarea.readOnly = readonly;
    this.code.append(this.layer, this.textarea);
    root.append(this.gutter, this.code);

    this.text = '';
    this.starts = [0];
    this.marks = [];
    this.activeId = null;
    this.frame = 0;
    this.dirtyLines = true;

    this.textarea.addEventListener('input', () => this.handleInput());
    this.textarea.addEventListener('scroll', () => this.schedule());
    for (const type of ['keyup', 'click', 'select']) {
      this.textarea.addEventListener(type, () => this.onCursor(this.cursor()));
    }
    if (typeof ResizeObserver !== 'undefined') new ResizeObserver(() => this.schedule()).observe(this.code);
  }

  get lineHeight() {
    if (!this._lh) this._lh = parseFloat(getComputedStyle(this.textarea).lineHeight) || 20;
    return this._lh;
  }

  setText(text) {
    this.text = text;
    this.textarea.value = text;
    this.textarea.scrollTop = 0;
    this.textarea.scrollLeft = 0;
    this.marks = [];
    this.dirtyLines = true;
    this.schedule();
  }

  getText() {
    return this.textarea.value;
  }

  setReadOnly(readonly) {
    this.textarea.readOnly = readonly;
  }

  handleInput() {
    const next = this.textarea.value;
    const delta = next.length - this.text.length;
    // Keep marks roughly in place until the next check: shift those after the edit.
    const at = this.textarea.selectionEnd - Math.max(delta, 0);
    if (delta !== 0) {
      for (const m of this.marks) {
        if (m.start >= at) m.start = Math.max(at, m.start + delta);
        if (m.end >= at) m.end = Math.max(m.start, m.end + delta);
      }
    }
    this.text = next;
    this.dirtyLines = true;
    this.schedule();
    this.onInput(next);
  }

  cursor() {
    if (this.dirtyLines) this.refreshLines();
    const pos = this.textarea.selectionStart;
    const line = lineOf(this.starts, pos);
    return { line: line + 1, column: pos - this.starts[line] + 1 };
  }

  /** marks: [{id, start, end, severity}] in UTF-16 indices of the current text. */
  setMarks(marks) {
    this.marks = marks.map((m) => ({ ...m }));
    this.schedule();
  }

  setActive(id) {
    this.activeId = id;
    this.schedule();
  }

  /** Scrolls so that [start, end) is visible (a third from the top), without moving focus. */
  reveal(start, end = start) {
    if (this.dirtyLines) this.refreshLines();
    const line = lineOf(this.starts, start);
    const lh = this.lineHeight;
    const top = line * lh;
    const ta = this.textarea;
    if (top < ta.scrollTop || top + lh > ta.scrollTop + ta.clientHeight) {
      ta.scrollTop = Math.max(0, top - ta.clientHeight / 3);
    }
    const col = start - this.starts[line];
    const approx = col * 7.8;
    if (approx < ta.scrollLeft || approx > ta.scrollLeft + ta.clientWidth - 40) ta.scrollLeft = Math.max(0, approx - 40);
    this.schedule();
  }

  /** Focuses the editor and selects [start, end). */
  select(start, end) {
    this.textarea.focus({ preventScroll: true });
    this.textarea.setSelectionRange(start, end);
    this.reveal(start, end);
  }

  refreshLines() {
    this.starts = lineStarts(this.text);
    this.dirtyLines = false;
    // Only when the width changes: any style change here would make the browser lay the whole text out again.
    const digits = String(Math.max(2, String(this.starts.length).length));
    if (digits !== this.gutterDigits) {
      this.gutterDigits = digits;
      this.root.style.setProperty('--fk-gutter-ch', digits);
    }
  }

  schedule() {
    if (this.frame) return;
    const raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (f) => setTimeout(f, 16);
    this.frame = raf(() => {
      this.frame = 0;
      this.render();
    });
  }

  render() {
    if (this.dirtyLines) this.refreshLines();
    const ta = this.textarea;
    const lh = this.lineHeight;
    const total = this.starts.length;
    const first = Math.max(0, Math.floor(ta.scrollTop / lh) - MARGIN_LINES);
    const visible = Math.ceil((ta.clientHeight || 600) / lh);
    const last = Math.min(total - 1, first + visible + 2 * MARGIN_LINES);
    const offsetY = first * lh - ta.scrollTop;

    // Gutter: one text node of line numbers.
    let numbers = '';
    for (let i = first; i <= last; i++) numbers += (i + 1) + '\n';
    this.gutterInner.textContent = numbers;
    this.gutterInner.style.transform = `translateY(${offsetY}px)`;

    // Highlight layer: the visible slice of text, with <mark>s, all as text nodes.
    const from = this.starts[first];
    const to = last + 1 < total ? this.starts[last + 1] : this.text.length;
    const doc = this.layer.ownerDocument;
    const frag = doc.createDocumentFragment();
    // Overlapping marks (an FK201 span around an FK101 name, a related location) split into segments; each
    // segment shows the strongest severity covering it, and whether the active finding or a related one does.
    const inView = this.marks.filter((m) => Math.max(m.end, m.start + 1) > from && m.start < to);
    const points = new Set([from, to]);
    for (const m of inView) {
      points.add(Math.max(from, m.start));
      points.add(Math.min(to, Math.max(m.end, m.start + 1)));
    }
    const cuts = [...points].sort((a, b) => a - b);
    let at = from;
    for (let k = 0; k + 1 < cuts.length; k++) {
      const s = cuts[k];
      const e = cuts[k + 1];
      const covering = inView.filter((m) => m.start <= s && Math.max(m.end, m.start + 1) >= e);
      if (!covering.length) continue;
      if (s > at) frag.append(this.text.slice(at, s));
      const severity = RANKS.find((r) => covering.some((m) => m.severity === r)) || 'info';
      const classes = ['fk-mark', severity === 'related' ? 'rel' : severity];
      if (covering.some((m) => m.id === this.activeId)) classes.push('active');
      if (severity !== 'related' && covering.some((m) => m.severity === 'related')) classes.push('has-related');
      if (covering.filter((m) => m.severity !== 'related').length > 1) classes.push('nested');
      const piece = this.text.slice(s, e);
      const mark = doc.createElement('mark');
      mark.className = classes.join(' ');
      // A range at a line end (or an empty one) still shows as a one-space box.
      if (piece === '' || piece === '\n') {
        mark.textContent = ' ';
        frag.append(mark);
        if (piece === '\n') frag.append('\n');
      } else if (piece.endsWith('\n')) {
        mark.textContent = piece.slice(0, -1);
        frag.append(mark, '\n');
      } else {
        mark.textContent = piece;
        frag.append(mark);
      }
      at = e;
    }
    if (at < to) frag.append(this.text.slice(at, to));
    this.layer.replaceChildren(frag);
    this.layer.style.transform = `translate(${-ta.scrollLeft}px, ${offsetY}px)`;
  }
}
