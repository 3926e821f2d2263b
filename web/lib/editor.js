// The code editor of the page and of <fk-lint>: CodeMirror 6, bundled into dist/lib/editor.js by
// scripts/build-web.sh (esbuild), so nothing is requested at run time. CodeMirror renders only the lines in view,
// which keeps megabyte inputs responsive, and gives search (Ctrl-F), undo history, bracket matching and syntax
// colouring (SQL per dialect, Python). Findings are lint diagnostics: squiggles at their exact ranges, gutter
// markers, a hover with the message, quick-fix actions; F8 / Shift-F8 move between them.
// Marks are UTF-16 ranges of the text, as CodeMirror's positions are.
import { EditorState, Compartment, StateEffect, StateField, Annotation, Text } from '@codemirror/state';
import {
  EditorView,
  Decoration,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  drawSelection,
} from '@codemirror/view';
import { history, defaultKeymap, historyKeymap, indentWithTab } from '@codemirror/commands';
import { search, searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { setDiagnostics, lintGutter, forEachDiagnostic } from '@codemirror/lint';
import { syntaxHighlighting, bracketMatching, StreamLanguage, syntaxParserRunning } from '@codemirror/language';
import { classHighlighter } from '@lezer/highlight';
import { pgSQL, mySQL, sqlite } from '@codemirror/legacy-modes/mode/sql';
import { python } from '@codemirror/legacy-modes/mode/python';
import { typescript } from '@codemirror/legacy-modes/mode/javascript';
import { ruby } from '@codemirror/legacy-modes/mode/ruby';
import { php, prisma } from './editor-modes.js';
import { editorCss } from './editor-css.js';

const SEVERITIES = new Set(['error', 'warning', 'info']);
// Line-based (stream) tokenizers rather than full grammars: a stream language parses only up to the end of the
// viewport, so a keystroke in a megabyte schema re-reads a screenful, where a grammar's incremental parse still
// walks every statement after the edit (measured: 20 ms per keystroke on musicbrainz, the whole budget).
const LANGUAGES = {
  postgres: StreamLanguage.define(pgSQL),
  mysql: StreamLanguage.define(mySQL),
  sqlite: StreamLanguage.define(sqlite),
  python: StreamLanguage.define(python),
  typescript: StreamLanguage.define(typescript),
  ruby: StreamLanguage.define(ruby),
  php: StreamLanguage.define(php),
  prisma: StreamLanguage.define(prisma),
};
// Files of the other front ends, by name (PHP and Prisma: ./editor-modes.js).
const LANGUAGE_OF_ENDING = [
  [/\.py$/i, 'python'],
  [/\.[mc]?ts$/i, 'typescript'],
  [/\.rb$/i, 'ruby'],
  [/\.php$/i, 'php'],
  [/\.prisma$/i, 'prisma'],
];

/** A change made by the page (a fix applied), not typed. */
const fromPage = Annotation.define();

const setMarkDecorations = StateEffect.define();
// The selected finding (stronger) and its related locations (dashed): plain mark decorations, mapped through edits.
const marksField = StateField.define({
  create: () => Decoration.none,
  update(decorations, tr) {
    let next = decorations.map(tr.changes);
    for (const effect of tr.effects) if (effect.is(setMarkDecorations)) next = effect.value;
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** The language support for a dialect (`auto` reads as PostgreSQL), `python`, `typescript`, `ruby`, `php` or `prisma`. */
function languageFor(language) {
  if (language === 'plain') return [];
  return LANGUAGES[language] || LANGUAGES.postgres;
}

/** `0001_x.py` → python, `schema.ts` → typescript, `schema.rb` → ruby, ..., anything else → the SQL dialect. */
export function languageOf(fileName, dialect) {
  const found = LANGUAGE_OF_ENDING.find(([ending]) => ending.test(fileName || ''));
  return found ? found[1] : dialect || 'postgres';
}

/**
 * F8 / Shift-F8: selects the next (previous) finding by where it starts, wrapping around. (CodeMirror's own
 * command jumps past the end of the current one, skipping a finding nested in it: an FK101 name inside an FK201.)
 */
function gotoDiagnostic(view, direction) {
  const starts = new Map();
  forEachDiagnostic(view.state, (d, from, to) => {
    if (!starts.has(from) || starts.get(from) < to) starts.set(from, to);
  });
  const list = [...starts].sort((a, b) => a[0] - b[0]);
  if (!list.length) return false;
  const at = view.state.selection.main.from;
  const target = direction > 0
    ? list.find(([from]) => from > at) || list[0]
    : [...list].reverse().find(([from]) => from < at) || list[list.length - 1];
  view.dispatch({ selection: { anchor: target[0], head: target[1] }, scrollIntoView: true });
  return true;
}

let sheets = null;
function editorSheets() {
  sheets ??= [editorCss, ':host { display: flex; flex-direction: column; min-width: 0; overflow: hidden; } .fk-editor { flex: 1; min-width: 0; }'].map((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return sheet;
  });
  return sheets;
}

/**
 * Where the editor goes: CodeMirror's styles must land in constructable stylesheets (a strict `style-src` refuses
 * the <style> elements it makes in a document), which it uses inside a shadow root. So in a document the editor
 * gets a shadow root of its own, with the editor's styles adopted; in a shadow root (<fk-lint>) it goes in place,
 * and that root adopts the styles itself. The page's colours are custom properties, which shadow roots inherit.
 */
function mountPoint(root) {
  if (root.getRootNode() instanceof ShadowRoot) {
    root.classList.add('fk-editor');
    return root;
  }
  const shadow = root.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = editorSheets();
  const host = root.ownerDocument.createElement('div');
  host.className = 'fk-editor';
  shadow.append(host);
  return host;
}

export class Editor {
  /**
   * root: an empty element (in a document or a shadow root). options: {label, readonly, onInput() (the text changed),
   * onCursor({line, column}), language}.
   */
  constructor(root, { label = 'SQL', readonly = false, onInput = () => {}, onCursor = () => {}, language = 'postgres' } = {}) {
    this.root = root;
    this.onInput = onInput;
    this.onCursor = onCursor;
    this.label = label;
    this.readonly = readonly;
    this.language = language;
    this.languageSlot = new Compartment();
    this.readonlySlot = new Compartment();
    this.states = new Map(); // file key → its EditorState (undo history kept per file)
    this.key = null;
    this.marks = [];
    this.activeId = null;
    const host = mountPoint(root);
    this.host = host;
    this.view = new EditorView({ state: this.newState(''), parent: host, root: host.getRootNode() });
  }

  newState(text) {
    return EditorState.create({
      doc: typeof text === 'string' ? text : Text.of(text),
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        bracketMatching(),
        highlightSelectionMatches(),
        search({ top: true }),
        syntaxHighlighting(classHighlighter),
        lintGutter(),
        marksField,
        this.languageSlot.of(languageFor(this.language)),
        this.readonlySlot.of(EditorState.readOnly.of(this.readonly)),
        EditorView.contentAttributes.of({ 'aria-label': this.label, spellcheck: 'false', autocapitalize: 'off', autocorrect: 'off' }),
        keymap.of([
          { key: 'F8', run: (view) => gotoDiagnostic(view, 1) },
          { key: 'Shift-F8', run: (view) => gotoDiagnostic(view, -1) },
          ...defaultKeymap,
          ...historyKeymap,
          ...searchKeymap,
          indentWithTab,
        ]),
        EditorView.updateListener.of((update) => this.handleUpdate(update)),
      ],
    });
  }

  handleUpdate(update) {
    // No text passed: copying a megabyte document on every keystroke would stall; getText() when it is needed.
    if (update.docChanged) this.onInput();
    // The position shown beside the editor: once per frame, after CodeMirror's own DOM work.
    if ((update.selectionSet || update.docChanged) && !this.cursorFrame) {
      this.cursorFrame = requestAnimationFrame(() => {
        this.cursorFrame = 0;
        this.onCursor(this.cursor());
      });
    }
  }

  /** The text of the file shown. */
  get text() {
    return this.view.state.doc.toString();
  }

  getText() {
    return this.text;
  }

  /**
   * Shows the file `key` with `text`: its earlier state (undo history, selection) when its text is unchanged, else
   * a fresh one. Without a key, replaces the text of the one anonymous document.
   */
  open(key, text) {
    if (this.key !== null) this.states.set(this.key, this.view.state);
    this.key = key;
    const prepared = this.prepared?.key === key && this.prepared.text === text ? this.prepared : null;
    this.prepared = null;
    const kept = this.states.get(key);
    let state;
    if (prepared) state = prepared.state;
    else if (kept && kept.doc.length === text.length && kept.doc.toString() === text) state = kept;
    else state = this.newState(text);
    this.marks = [];
    this.view.setState(state);
    // A state made now (or prepared) has this language and mode already; a kept one may not.
    if (!prepared || prepared.language !== this.language || prepared.readonly !== this.readonly) this.reconfigure();
  }

  /**
   * Builds the state for file `key` with `text` in several short tasks (the text is split into lines a slice at a
   * time), so that a following `open(key, text)` only shows it: reading a megabyte into the editor in one go is a
   * task of tens of milliseconds. Resolves when it is ready.
   */
  async prepare(key, text) {
    const lines = [];
    const SLICE = 64 * 1024;
    const BREAK = /\r\n?|\n/;
    let carry = ''; // the unfinished last line of the slices so far
    for (let at = 0; at < text.length; at += SLICE) {
      const part = carry + text.slice(at, at + SLICE);
      const end = part.lastIndexOf('\n');
      if (end < 0) {
        carry = part;
        continue;
      }
      // Up to and with the last \n (a \r before it makes one break with it): every piece but the empty last is a line.
      const cut = part.slice(0, end + 1).split(BREAK);
      cut.pop();
      for (const line of cut) lines.push(line);
      carry = part.slice(end + 1);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    for (const line of carry.split(BREAK)) lines.push(line);
    const state = this.newState(lines);
    this.prepared = { key, text, state, language: this.language, readonly: this.readonly };
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** Replaces the whole text (an undoable change when the editor is editable). */
  setText(text) {
    if (this.key === null) {
      this.view.setState(this.newState(text));
      this.reconfigure();
      return;
    }
    this.open(this.key, text);
  }

  /** Drops what is kept for file `key` (a removed file). */
  forget(key) {
    this.states.delete(key);
  }

  /** Drops every kept file (a new set of files was loaded). */
  forgetAll() {
    this.states.clear();
    this.key = null;
  }

  /** Applies [{from, to, insert}] to file `key` (the one shown, or one kept), undoably; returns its new text. */
  change(key, changes) {
    if (key === this.key || key === null) {
      this.view.dispatch({ changes, userEvent: 'input.fix', annotations: fromPage.of('fix') });
      // Back to the text (a quick fix's button lived in a hover that is gone now): Ctrl-Z undoes the fix from here.
      const doc = this.view.dom.ownerDocument;
      if (!doc.activeElement || doc.activeElement === doc.body || this.view.hasFocus) this.view.focus();
      return this.text;
    }
    const kept = this.states.get(key);
    if (!kept) return null;
    const next = kept.update({ changes, userEvent: 'input.fix' }).state;
    this.states.set(key, next);
    return next.doc.toString();
  }

  setReadOnly(readonly) {
    this.readonly = readonly;
    this.reconfigure();
  }

  /** The language: a dialect name (`postgres`, `mysql`, `sqlite`, `auto`), `python`, `typescript`, `ruby`, `php` or `prisma`. */
  setLanguage(language) {
    if (language === this.language) return;
    this.language = language;
    this.reconfigure();
  }

  reconfigure() {
    this.view.dispatch({
      effects: [
        this.languageSlot.reconfigure(languageFor(this.language)),
        this.readonlySlot.reconfigure(EditorState.readOnly.of(this.readonly)),
      ],
    });
  }

  cursor() {
    const { state } = this.view;
    const head = state.selection.main.head;
    const line = state.doc.lineAt(head);
    return { line: line.number, column: head - line.from + 1 };
  }

  /**
   * marks: [{id, start, end, severity, message?, renderMessage?, actions?}] in UTF-16 indices of the current text.
   * error/warning/info become lint diagnostics (squiggle, gutter marker, hover); `related` a dashed mark.
   */
  setMarks(marks) {
    const length = this.view.state.doc.length;
    const clamp = (n) => Math.max(0, Math.min(n, length));
    this.marks = marks.map((m) => ({ ...m, start: clamp(m.start), end: clamp(Math.max(m.end, m.start)) }));
    const diagnostics = this.marks
      .filter((m) => SEVERITIES.has(m.severity))
      .map((m) => ({
        from: m.start,
        to: m.end,
        severity: m.severity,
        message: m.message || m.severity,
        renderMessage: m.renderMessage,
        actions: m.actions,
      }))
      .sort((a, b) => a.from - b.from || a.to - b.to);
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
    this.drawMarks();
  }

  /** Whether the highlighter is still reading text in the background (after a load or a jump). */
  parsing() {
    return syntaxParserRunning(this.view);
  }

  /** The lint diagnostics as CodeMirror holds them now: [{from, to, severity, message}] (for tests). */
  diagnostics() {
    const out = [];
    forEachDiagnostic(this.view.state, (d, from, to) => out.push({ from, to, severity: d.severity, message: d.message }));
    return out;
  }

  /** Marks finding `id` as the selected one. */
  setActive(id) {
    this.activeId = id;
    this.drawMarks();
  }

  drawMarks() {
    const ranges = [];
    for (const m of this.marks) {
      const cls = m.severity === 'related' ? 'fk-related' : m.id === this.activeId ? `fk-active fk-active-${m.severity}` : null;
      if (!cls) continue;
      // An empty range (a missing semicolon at the end, say) still shows one character, or nothing when at the end.
      const end = m.end > m.start ? m.end : Math.min(m.start + 1, this.view.state.doc.length);
      if (end > m.start) ranges.push(Decoration.mark({ class: cls }).range(m.start, end));
    }
    ranges.sort((a, b) => a.from - b.from || a.to - b.to);
    this.view.dispatch({ effects: setMarkDecorations.of(Decoration.set(ranges, true)) });
  }

  /** Scrolls so that [start, end) is visible (a third from the top), without moving focus. */
  reveal(start, end = start) {
    const length = this.view.state.doc.length;
    const pos = Math.max(0, Math.min(start, length));
    this.view.dispatch({ effects: EditorView.scrollIntoView(pos, { y: 'center', x: 'nearest' }) });
    void end;
  }

  /** Focuses the editor and selects [start, end). */
  select(start, end) {
    const length = this.view.state.doc.length;
    const anchor = Math.max(0, Math.min(start, length));
    const head = Math.max(anchor, Math.min(end, length));
    this.view.dispatch({ selection: { anchor, head }, effects: EditorView.scrollIntoView(anchor, { y: 'center' }) });
    this.view.focus();
  }

  focus() {
    this.view.focus();
  }
}
