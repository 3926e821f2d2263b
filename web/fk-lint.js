// <fk-lint>: the fklint docs widget. One script tag adds it to any page:
//
//   <script type="module" src="https://your.host/fklint/fk-lint.js"></script>
//   <fk-lint dialect="postgres" readonly>
//     <script type="text/sql">
//       CREATE TABLE orders (tenant_id int REFERENCES tenant (id));
//     </script>
//   </fk-lint>
//
// The SQL shows at once; the checker (WebAssembly, from ./wasm-inline.js beside this file: no fetch) loads only
// when a widget first scrolls into view, then findings appear inline. Without `readonly` the SQL is editable and
// re-checked as you type. Attributes: dialect (auto, the default, detects it from the SQL; postgres, mysql,
// sqlite), readonly, name (the file name in findings).
// Events: `fklint-result` (detail: the check result). Styling: CSS custom properties --fk-* on the element.
import { loadEngine, checkSources } from './lib/engine.js';
import { Editor, languageOf } from './lib/editor.js';
import { editorCss } from './lib/editor-css.js';
import { lineStarts, rangeOf, byteMapper } from './lib/offsets.js';

const widgetCss = `
:host {
  display: block;
  margin: 1em 0;
  color-scheme: light dark;
  --fk-bg: #ffffff;
  --fk-fg: #1b1f24;
  --fk-muted: #59636e;
  --fk-border: #d0d7de;
  --fk-code-bg: #fbfbfd;
  --fk-code-fg: #1b1f24;
  --fk-gutter-bg: #f3f4f6;
  --fk-accent: #0b6bcb;
  color: var(--fk-fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
}
@media (prefers-color-scheme: dark) {
  :host {
    --fk-bg: #161b22;
    --fk-fg: #e6edf3;
    --fk-muted: #9aa6b2;
    --fk-border: #30363d;
    --fk-code-bg: #0d1117;
    --fk-code-fg: #e6edf3;
    --fk-gutter-bg: #11161d;
    --fk-accent: #4493f8;
    --fk-focus: #58a6ff;
    --fk-error: #ff7b72;
    --fk-error-bg: rgba(248, 81, 73, 0.2);
    --fk-warning: #e3b341;
    --fk-warning-bg: rgba(210, 153, 34, 0.22);
    --fk-info: #79c0ff;
    --fk-info-bg: rgba(56, 139, 253, 0.2);
    --fk-tok-keyword: #d2a8ff;
    --fk-tok-type: #79c0ff;
    --fk-tok-string: #a5d6ff;
    --fk-tok-number: #ffa657;
    --fk-tok-comment: #8b949e;
    --fk-tok-property: #7ee787;
  }
}
:host([hidden]) { display: none; }
.frame { border: 1px solid var(--fk-border); border-radius: 8px; background: var(--fk-bg); overflow: hidden; }
.bar { display: flex; justify-content: space-between; gap: 10px; align-items: baseline; padding: 5px 10px;
  border-bottom: 1px solid var(--fk-border); font-size: 12.5px; }
.name { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--fk-muted); }
.brand { font-weight: 700; color: var(--fk-accent); margin-right: 6px; font-family: inherit; }
.status { color: var(--fk-muted); }
.status.error { color: var(--fk-error, #cf222e); }
.status.ok { color: #1a7f37; }
.fk-editor { border: 0; border-radius: 0; }
.fk-editor .cm-editor { height: 100%; }
.fk-editor:focus-within { outline-offset: -2px; }
ul { list-style: none; margin: 0; padding: 0; border-top: 1px solid var(--fk-border); }
ul:empty { display: none; }
li { padding: 6px 10px; border-left: 3px solid var(--fk-info, #0969da); }
li + li { border-top: 1px solid var(--fk-border); }
li.error { border-left-color: var(--fk-error, #cf222e); }
li.warning { border-left-color: var(--fk-warning, #9a6700); }
button.go { all: unset; cursor: pointer; display: block; width: 100%; }
button.go:focus-visible { outline: 2px solid var(--fk-focus, #0969da); outline-offset: 2px; border-radius: 2px; }
.sev { font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; margin-right: 6px;
  color: var(--fk-info, #0969da); }
li.error .sev { color: var(--fk-error, #cf222e); }
li.warning .sev { color: var(--fk-warning, #9a6700); }
.code { font-family: ui-monospace, monospace; font-weight: 700; font-size: 12.5px; margin-right: 6px; }
.at { font-family: ui-monospace, monospace; font-size: 12px; color: var(--fk-muted); margin-left: 6px; }
.fix { margin: 4px 0 0; font-size: 13px; color: var(--fk-muted); }
details { margin-top: 4px; font-size: 13px; }
summary { cursor: pointer; color: var(--fk-accent); }
pre.sql { margin: 4px 0 0; padding: 6px 8px; overflow: auto; background: var(--fk-code-bg); border: 1px solid var(--fk-border);
  border-radius: 4px; font: 12.5px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
`;

let sheets = null;
function styleSheets() {
  if (!sheets) {
    sheets = [editorCss, widgetCss].map((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return sheet;
    });
  }
  return sheets;
}

/** Strips the indentation and blank edge lines that HTML source puts around an inline <script>. */
export function dedent(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)[0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}

let visibility = null;
function observe(el) {
  if (typeof IntersectionObserver === 'undefined') {
    el.activate();
    return;
  }
  visibility ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          visibility.unobserve(entry.target);
          entry.target.activate();
        }
      }
    },
    { rootMargin: '200px 0px' },
  );
  visibility.observe(el);
}

const MAX_LINES = 24;

export class FkLintElement extends HTMLElement {
  static get observedAttributes() {
    return ['dialect', 'readonly'];
  }

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = styleSheets();
    const source = this.querySelector('script[type="text/sql"]');
    this.sql = dedent(source ? source.textContent : this.textContent);
    const doc = this.ownerDocument;
    const el = (tag, cls, text) => {
      const e = doc.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const frame = el('div', 'frame');
    frame.setAttribute('part', 'frame');
    const bar = el('div', 'bar');
    const title = el('span', 'name');
    title.append(el('span', 'brand', 'fklint'), this.fileName);
    this.statusEl = el('span', 'status', 'not checked yet');
    this.statusEl.setAttribute('role', 'status');
    bar.append(title, this.statusEl);
    const host = el('div');
    this.list = el('ul');
    this.list.setAttribute('aria-label', 'fklint findings');
    frame.append(bar, host, this.list);
    root.append(frame);

    this.editor = new Editor(host, {
      label: `SQL example ${this.fileName}${this.readOnly ? ' (read-only)' : ''}`,
      readonly: this.readOnly,
      language: languageOf(this.fileName, this.dialect === 'auto' ? 'postgres' : this.dialect),
      onInput: () => {
        this.sql = this.editor.getText();
        this.fitHeight();
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.run(), 250);
      },
    });
    this.editor.setText(this.sql);
    this.fitHeight();
    observe(this);
  }

  disconnectedCallback() {
    visibility?.unobserve(this);
    clearTimeout(this.timer);
  }

  attributeChangedCallback(name) {
    if (!this.editor) return;
    if (name === 'readonly') this.editor.setReadOnly(this.readOnly);
    if (this.engine) this.run();
  }

  get readOnly() {
    return this.hasAttribute('readonly');
  }

  get fileName() {
    return this.getAttribute('name') || 'example.sql';
  }

  /** The `dialect` attribute; missing or empty is `auto` (the checker detects it, and rejects unknown names). */
  get dialect() {
    return this.getAttribute('dialect') || 'auto';
  }

  /** The SQL shown (and checked). Setting it re-checks. */
  get value() {
    return this.sql;
  }

  set value(text) {
    this.sql = String(text);
    this.editor?.setText(this.sql);
    this.fitHeight();
    if (this.engine) this.run();
  }

  fitHeight() {
    if (!this.editor) return;
    const lines = Math.min(MAX_LINES, Math.max(2, this.sql.split('\n').length));
    this.editor.root.style.height = `${lines * 20 + 16}px`;
  }

  async activate() {
    if (this.engine) return;
    this.statusEl.textContent = 'checking…';
    try {
      this.engine = await loadEngine();
    } catch (err) {
      this.statusEl.textContent = `checker unavailable: ${err.message}`;
      return;
    }
    this.run();
  }

  /** Applies an edit fix computed for `checked` (nothing when the text changed since), then re-checks. */
  applyFix(fix, checked) {
    if (this.sql !== checked) return;
    const map = byteMapper(checked);
    const changes = fix.edits
      .filter((e) => e.file === this.fileName)
      .map((e) => ({ from: map(e.start), to: map(e.end), insert: e.replacement }))
      .sort((a, b) => a.from - b.from);
    this.sql = this.editor.change(null, changes);
    clearTimeout(this.timer);
    this.run();
  }

  async run() {
    if (!this.engine) return;
    const sources = [{ name: this.fileName, text: this.sql }];
    const options = { dialect: this.dialect };
    // A widget named `schema.prisma` (or .py, .ts, .rb, .php), or a statement only sqlparser judges, needs the
    // module with every front end: it loads once.
    const run = (this.runs = (this.runs || 0) + 1);
    let result;
    try {
      ({ result } = await checkSources(sources, options));
    } catch (err) {
      this.statusEl.textContent = `checker unavailable: ${err.message}`;
      return;
    }
    if (run !== this.runs) return; // typed on while it loaded: the newer run renders
    this.result = result;
    this.render(result);
    this.dispatchEvent(new CustomEvent('fklint-result', { detail: result }));
  }

  render(result) {
    const doc = this.ownerDocument;
    const el = (tag, cls, text) => {
      const e = doc.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    };
    this.list.replaceChildren();
    if (result.error) {
      this.statusEl.textContent = result.error.message;
      this.statusEl.className = 'status error';
      this.editor.setMarks([]);
      return;
    }
    const findings = result.findings;
    const errors = findings.filter((f) => f.severity === 'error').length;
    this.statusEl.textContent = findings.length
      ? `${findings.length} finding${findings.length === 1 ? '' : 's'}${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}`
      : 'no findings';
    this.statusEl.className = `status ${errors ? 'error' : findings.length ? '' : 'ok'}`;
    // Which dialect the SQL was read as (detected in auto): on hover, out of the way of the count.
    const summary = result.summary || {};
    this.statusEl.title = summary.dialect
      ? `checked as ${summary.dialect}${summary.detected ? ' (detected)' : ''}`
      : '';
    this.editor.setLanguage(languageOf(this.fileName, summary.dialect || 'postgres'));
    const starts = lineStarts(this.sql);
    const checked = this.sql;
    const marks = [];
    findings.forEach((f, i) => {
      const [start, end] = rangeOf(f, this.sql, starts);
      // Editable widgets offer the edit fix as a quick fix in the hover (applied in place, undoable, re-checked).
      const actions = !this.readOnly && f.fix?.edits?.length
        ? [{ name: f.fix.title, apply: () => this.applyFix(f.fix, checked) }]
        : undefined;
      marks.push({ id: i, start, end, severity: f.severity, message: `${f.code}: ${f.message}`, actions });
      const li = el('li', f.severity);
      const go = el('button', 'go');
      go.type = 'button';
      go.append(el('span', 'sev', f.severity), el('span', 'code', f.code), f.message, el('span', 'at', `${f.line}:${f.column}`));
      go.addEventListener('click', () => {
        this.editor.setActive(i);
        this.editor.select(start, end);
      });
      li.append(go);
      if (f.fix) {
        li.append(el('p', 'fix', `Fix: ${f.fix.title}`));
        if (f.fix.sql) {
          const details = el('details');
          details.append(el('summary', null, 'Forward SQL'), el('pre', 'sql', f.fix.sql));
          li.append(details);
        }
      }
      this.list.append(li);
    });
    this.editor.setMarks(marks);
  }
}

if (!customElements.get('fk-lint')) customElements.define('fk-lint', FkLintElement);
