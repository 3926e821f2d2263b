// The editor's styles, shared by the page (adopted by the document) and by <fk-lint> (adopted by its shadow
// root): constructable stylesheets need no inline <style>, so a strict style-src stays possible. CodeMirror's own
// base styles also go into constructable sheets. Its default lint squiggles and gutter markers are data: SVG
// images, which `img-src 'self'` refuses: the rules below replace them with borders and CSS shapes (the selectors
// are longer than CodeMirror's scoped ones, so they win).
export const editorCss = `
.fk-editor {
  display: flex;
  flex-direction: column;
  position: relative;
  min-height: 0;
  background: var(--fk-code-bg, #fbfbfd);
  color: var(--fk-code-fg, #1b1f24);
  border: 1px solid var(--fk-border, #d0d7de);
  border-radius: 6px;
  overflow: hidden;
}
.fk-editor .cm-editor { flex: 1; min-height: 0; height: 100%; background: transparent; color: inherit; }
.fk-editor .cm-editor.cm-focused { outline: none; }
.fk-editor:focus-within { outline: 2px solid var(--fk-focus, #0969da); outline-offset: 1px; }
.fk-editor .cm-scroller {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  font-size: 13px;
  line-height: 20px;
}
.fk-editor .cm-content { caret-color: var(--fk-caret, currentColor); padding: 8px 0; }
.fk-editor .cm-editor .cm-cursor { border-left-color: var(--fk-caret, currentColor); }
.fk-editor .cm-gutters {
  background: var(--fk-gutter-bg, #f3f4f6);
  color: var(--fk-gutter-fg, #6e7781);
  border-right: 1px solid var(--fk-border, #d0d7de);
}
.fk-editor .cm-editor .cm-activeLine { background: var(--fk-active-line, rgba(127, 127, 127, 0.07)); }
.fk-editor .cm-editor .cm-activeLineGutter { background: var(--fk-active-line, rgba(127, 127, 127, 0.12)); }
.fk-editor .cm-editor .cm-selectionBackground, .fk-editor .cm-editor.cm-focused .cm-selectionBackground {
  background: var(--fk-selection, rgba(9, 105, 218, 0.22));
}
.fk-editor .cm-editor .cm-selectionMatch { background: var(--fk-match, rgba(127, 127, 127, 0.18)); }

/* Syntax colours (classHighlighter's tok-* classes), from the page's palette. */
.fk-editor .tok-keyword, .fk-editor .tok-operatorKeyword, .fk-editor .tok-controlKeyword { color: var(--fk-tok-keyword, #8250df); }
.fk-editor .tok-typeName, .fk-editor .tok-className { color: var(--fk-tok-type, #0550ae); }
.fk-editor .tok-string, .fk-editor .tok-string2 { color: var(--fk-tok-string, #0a3069); }
.fk-editor .tok-number, .fk-editor .tok-bool, .fk-editor .tok-atom, .fk-editor .tok-literal { color: var(--fk-tok-number, #953800); }
.fk-editor .tok-comment { color: var(--fk-tok-comment, #6e7781); font-style: italic; }
.fk-editor .tok-propertyName, .fk-editor .tok-special { color: var(--fk-tok-property, #116329); }
.fk-editor .tok-meta { color: var(--fk-tok-comment, #6e7781); }
.fk-editor .tok-invalid { color: var(--fk-error, #cf222e); }

/* Findings: squiggles without images, the selected finding and its related locations. */
.fk-editor .cm-editor .cm-lintRange {
  background-image: none;
  padding-bottom: 0;
  text-decoration: underline wavy var(--fk-info, #0969da) 1.5px;
  text-underline-offset: 3px;
  text-decoration-skip-ink: none;
}
.fk-editor .cm-editor .cm-lintRange-error { text-decoration-color: var(--fk-error, #cf222e); background-color: var(--fk-error-bg, rgba(207, 34, 46, 0.1)); }
.fk-editor .cm-editor .cm-lintRange-warning { text-decoration-color: var(--fk-warning, #9a6700); background-color: var(--fk-warning-bg, rgba(191, 135, 0, 0.12)); }
.fk-editor .cm-editor .cm-lintRange-info { text-decoration-color: var(--fk-info, #0969da); }
.fk-editor .cm-editor .cm-lintPoint::after { border-bottom-color: var(--fk-error, #cf222e); }
.fk-editor .cm-editor .fk-active { background-color: var(--fk-active-bg, rgba(9, 105, 218, 0.28)); border-radius: 2px; }
.fk-editor .cm-editor .fk-related { outline: 1px dashed var(--fk-related, #8250df); border-radius: 2px; }
.fk-editor .cm-editor .cm-gutter-lint { width: 14px; }
.fk-editor .cm-editor .cm-gutter-lint .cm-gutterElement { padding: 0 2px; display: flex; align-items: center; justify-content: center; }
.fk-editor .cm-editor .cm-lint-marker {
  content: normal;
  width: 8px;
  height: 8px;
  border-radius: 50%;
  background: var(--fk-info, #0969da);
}
.fk-editor .cm-editor .cm-lint-marker-error { background: var(--fk-error, #cf222e); }
.fk-editor .cm-editor .cm-lint-marker-warning { background: var(--fk-warning, #9a6700); border-radius: 1px; transform: rotate(45deg); }

/* Hover and panels. */
.fk-editor .cm-editor .cm-tooltip {
  background: var(--fk-bg, #ffffff);
  color: var(--fk-fg, #1b1f24);
  border: 1px solid var(--fk-border, #d0d7de);
  border-radius: 6px;
  box-shadow: 0 4px 14px rgba(0, 0, 0, 0.15);
  max-width: min(560px, 90vw);
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
}
.fk-editor .cm-editor .cm-diagnostic { padding: 6px 10px; border-left-width: 4px; white-space: normal; }
.fk-editor .cm-editor .cm-diagnostic-error { border-left-color: var(--fk-error, #cf222e); }
.fk-editor .cm-editor .cm-diagnostic-warning { border-left-color: var(--fk-warning, #9a6700); }
.fk-editor .cm-editor .cm-diagnostic-info { border-left-color: var(--fk-info, #0969da); }
.fk-editor .cm-editor .cm-diagnosticAction {
  font: inherit;
  background: var(--fk-accent, #0969da);
  color: var(--fk-accent-fg, #fff);
  border: 0;
  border-radius: 4px;
  padding: 2px 8px;
  margin: 6px 6px 0 0;
  cursor: pointer;
}
.fk-editor .cm-editor .cm-diagnosticAction:focus-visible { outline: 2px solid var(--fk-focus, #0969da); outline-offset: 1px; }
.fk-editor .fk-diag-code { font-weight: 700; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin-right: 6px; }
.fk-editor .fk-diag-rule { display: block; margin-top: 3px; color: var(--fk-muted, #59636e); font-size: 12px; }
.fk-editor .cm-editor .cm-panels { background: var(--fk-gutter-bg, #f3f4f6); color: inherit; border-color: var(--fk-border, #d0d7de); }
.fk-editor .cm-editor .cm-panel.cm-search input, .fk-editor .cm-editor .cm-panel.cm-search button { font: inherit; font-size: 12px; }
.fk-editor .cm-editor .cm-searchMatch { background: var(--fk-match, rgba(255, 200, 0, 0.35)); }
.fk-editor .cm-editor .cm-searchMatch-selected { background: var(--fk-match-selected, rgba(255, 140, 0, 0.45)); }
`;
