// The editor's styles, shared by the page (adopted by the document) and by <fk-lint> (adopted by its shadow
// root): constructable stylesheets need no inline <style>, so a strict style-src stays possible.
export const editorCss = `
.fk-editor {
  --fk-lh: 20px;
  --fk-gutter-ch: 3;
  display: flex;
  position: relative;
  min-height: 0;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  font-size: 13px;
  line-height: var(--fk-lh);
  background: var(--fk-code-bg, #fbfbfd);
  color: var(--fk-code-fg, #1b1f24);
  border: 1px solid var(--fk-border, #d0d7de);
  border-radius: 6px;
  overflow: hidden;
}
.fk-gutter {
  flex: none;
  width: calc(var(--fk-gutter-ch) * 1ch + 20px);
  overflow: hidden;
  position: relative;
  background: var(--fk-gutter-bg, #f3f4f6);
  color: var(--fk-gutter-fg, #6e7781);
  border-right: 1px solid var(--fk-border, #d0d7de);
  user-select: none;
}
.fk-gutter pre {
  margin: 0;
  padding: 8px 8px 8px 0;
  text-align: right;
  font: inherit;
  line-height: var(--fk-lh);
  will-change: transform;
}
.fk-code {
  position: relative;
  flex: 1;
  min-width: 0;
  overflow: hidden;
}
.fk-layer, .fk-input {
  margin: 0;
  padding: 8px 12px;
  font: inherit;
  line-height: var(--fk-lh);
  tab-size: 4;
  white-space: pre;
  letter-spacing: normal;
  word-spacing: normal;
  box-sizing: border-box;
}
.fk-layer {
  position: absolute;
  inset: 0 auto auto 0;
  min-width: 100%;
  color: transparent;
  pointer-events: none;
  will-change: transform;
}
.fk-input {
  position: relative;
  display: block;
  width: 100%;
  height: 100%;
  border: 0;
  outline: none;
  resize: none;
  background: transparent;
  color: inherit;
  caret-color: var(--fk-caret, currentColor);
  overflow: auto;
}
.fk-editor:focus-within {
  outline: 2px solid var(--fk-focus, #0969da);
  outline-offset: 1px;
}
.fk-mark {
  color: transparent;
  border-radius: 2px;
  background: var(--fk-info-bg, rgba(9, 105, 218, 0.16));
  box-shadow: inset 0 -2px 0 var(--fk-info, #0969da);
}
.fk-mark.error {
  background: var(--fk-error-bg, rgba(207, 34, 46, 0.16));
  box-shadow: inset 0 -2px 0 var(--fk-error, #cf222e);
}
.fk-mark.warning {
  background: var(--fk-warning-bg, rgba(191, 135, 0, 0.2));
  box-shadow: inset 0 -2px 0 var(--fk-warning, #9a6700);
}
.fk-mark.nested {
  box-shadow: inset 0 -3px 0 var(--fk-error, #cf222e);
}
.fk-mark.rel {
  background: transparent;
  box-shadow: none;
  outline: 1px dashed var(--fk-related, #8250df);
}
.fk-mark.has-related {
  outline: 1px dashed var(--fk-related, #8250df);
}
.fk-mark.active {
  background: var(--fk-active-bg, rgba(9, 105, 218, 0.28));
}
`;
