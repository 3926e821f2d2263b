// Fix helpers: the "edit" form as before/after lines, and the "forward" form gathered into one migration.
import { byteMapper, lineStarts, lineOf } from './offsets.js';

/**
 * The lines an edit fix touches, before and after. files: [{name, text}]. Returns [{file, line, before, after}]
 * (one entry per file the fix edits), or [] when an edit names a file that is not loaded.
 */
export function editPreview(fix, files) {
  const byFile = new Map();
  for (const edit of fix?.edits || []) {
    if (!byFile.has(edit.file)) byFile.set(edit.file, []);
    byFile.get(edit.file).push(edit);
  }
  const out = [];
  for (const [name, edits] of byFile) {
    const file = files.find((f) => f.name === name);
    if (!file) continue;
    const text = file.text;
    const map = byteMapper(text);
    const ranges = edits
      .map((e) => ({ start: map(e.start), end: map(e.end), replacement: e.replacement }))
      .sort((a, b) => a.start - b.start);
    const starts = lineStarts(text);
    const firstLine = lineOf(starts, ranges[0].start);
    const lastLine = lineOf(starts, Math.max(ranges[ranges.length - 1].end - 1, ranges[ranges.length - 1].start));
    const from = starts[firstLine];
    const to = lastLine + 1 < starts.length ? starts[lastLine + 1] - 1 : text.length;
    const before = text.slice(from, to);
    let after = before;
    for (const r of [...ranges].reverse()) {
      after = after.slice(0, r.start - from) + r.replacement + after.slice(r.end - from);
    }
    out.push({ file: name, line: firstLine + 1, before, after });
  }
  return out;
}

/** Applies every edit of `fix` to the loaded files; returns the new files array (unchanged files kept). */
export function applyFix(fix, files) {
  return files.map((file) => {
    const edits = (fix?.edits || []).filter((e) => e.file === file.name);
    if (!edits.length) return file;
    const map = byteMapper(file.text);
    let text = file.text;
    for (const e of edits.map((e) => ({ ...e, s: map(e.start), t: map(e.end) })).sort((a, b) => b.s - a.s)) {
      text = text.slice(0, e.s) + e.replacement + text.slice(e.t);
    }
    return { ...file, text };
  });
}

/**
 * All forward fixes as one migration, in finding order, each distinct SQL text once (the forward SQL of a
 * rejected statement is that statement with every fix in it, so several findings often share it).
 */
export function fixMigration(findings, { version = '', files = [] } = {}) {
  const blocks = [];
  const bySql = new Map();
  for (const f of findings) {
    const sql = f.fix?.sql?.trim();
    if (!sql) continue;
    const note = `-- ${f.code} ${f.name} at ${f.file}:${f.line}:${f.column}: ${f.fix.title}`;
    if (bySql.has(sql)) {
      bySql.get(sql).notes.push(note);
      continue;
    }
    const block = { sql, notes: [note] };
    bySql.set(sql, block);
    blocks.push(block);
  }
  if (!blocks.length) return '';
  const header = [
    `-- Forward fixes from fklint${version ? ' ' + version : ''}: apply after ${files.length === 1 ? files[0] : 'the migrations checked'}.`,
    files.length > 1 ? `-- Checked, in order: ${files.join(', ')}` : null,
    '-- Review before running: each block says which findings it fixes.',
  ].filter(Boolean);
  const body = blocks.map((b) => `${b.notes.join('\n')}\n${/;\s*$/.test(b.sql) ? b.sql : b.sql + ';'}`);
  return `${header.join('\n')}\n\n${body.join('\n\n')}\n`;
}
