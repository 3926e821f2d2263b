// fklint's JSON report (`fklint check --format json`) as LSP diagnostics: each finding on its file with a UTF-16
// range, its related locations, its rule code linked to the rule's page, and its edit fix as a WorkspaceEdit
// (versioned, so an editor never applies it to text that changed since the check).
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from './vendor.js';
import { LineIndex } from './positions.js';

const RANK = { info: 1, warning: 2, error: 3 };
const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The rule's documentation page shipped in the package (docs/rules/CODE.md, generated from the rule). */
export function docsUrl(code) {
  return new URL(`../dist/docs/rules/${encodeURIComponent(code)}.md`, import.meta.url).href;
}

/**
 * Findings at `failOn` or above are shown as errors: those are what fail `fklint check --fail-on` in CI. The
 * others keep their own severity.
 */
function severity(finding, failOn) {
  if (RANK[finding.severity] >= (RANK[failOn] || RANK.error)) return DiagnosticSeverity.Error;
  return SEVERITY[finding.severity] || DiagnosticSeverity.Warning;
}

/**
 * Texts and line indexes of the files a report names: the buffer that was checked (with its version) when the
 * file was open, else the file on disk, each read once.
 */
export class Texts {
  /** `buffers`: file → `{ text, version }`, as they were when the check started. */
  constructor(buffers) {
    this.buffers = buffers;
    this.cache = new Map();
  }

  get(file) {
    if (!this.cache.has(file)) {
      const buffer = this.buffers.get(file);
      let text = buffer ? buffer.text : null;
      if (text === null) {
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch {
          text = '';
        }
      }
      this.cache.set(file, { index: new LineIndex(text), version: buffer ? buffer.version : null });
    }
    return this.cache.get(file);
  }
}

/** The fix's edits as `documentChanges`, one versioned entry per file. */
function workspaceChanges(fix, texts) {
  const byFile = new Map();
  for (const edit of fix.edits) {
    if (!byFile.has(edit.file)) byFile.set(edit.file, []);
    byFile.get(edit.file).push(edit);
  }
  return [...byFile].map(([file, edits]) => {
    const { index, version } = texts.get(file);
    return {
      textDocument: { uri: pathToFileURL(file).href, version },
      edits: edits.map((edit) => ({ range: index.range(edit.start, edit.end), newText: edit.replacement })),
    };
  });
}

/** One finding as a diagnostic; `data` keeps what hover and quick fixes need. */
function diagnostic(finding, texts, failOn) {
  const { index } = texts.get(finding.file);
  const fix = finding.fix && finding.fix.edits.length > 0
    ? { title: finding.fix.title, changes: workspaceChanges(finding.fix, texts) }
    : null;
  return {
    range: index.range(finding.start, finding.end),
    severity: severity(finding, failOn),
    code: finding.code,
    codeDescription: { href: docsUrl(finding.code) },
    source: 'fklint',
    message: finding.message,
    relatedInformation: finding.related.map((related) => ({
      location: { uri: pathToFileURL(related.file).href, range: texts.get(related.file).index.range(related.start, related.end) },
      message: related.message,
    })),
    data: { name: finding.name, fix },
  };
}

/** Diagnostics of a report, by file URI. */
export function diagnosticsByUri(report, texts, failOn) {
  const byUri = new Map();
  for (const finding of report.findings) {
    const uri = pathToFileURL(finding.file).href;
    if (!byUri.has(uri)) byUri.set(uri, []);
    byUri.get(uri).push(diagnostic(finding, texts, failOn));
  }
  return byUri;
}
