// `fklint lsp`: the language server, on standard input and output. For each open migration it checks the
// folder the CLI would check (the nearest fklint.toml's directory, else the file's folder; see project.js)
// through the CLI itself with the unsaved buffers, and publishes every file's findings: diagnostics with UTF-16
// ranges, related locations and rule links, the edit fixes as quick fixes, the rule docs on hover. Typing
// re-checks that one folder after a pause; a change can add or clear findings in files that are not open.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  MarkupKind,
  ProposedFeatures,
  TextDocument,
  TextDocuments,
  TextDocumentSyncKind,
} from './vendor.js';
import { checkRoot, contains, explain, rootFor } from './project.js';
import { diagnosticsByUri, Texts } from './diagnostics.js';

/** How long typing must pause before the folder is checked again. */
const DEBOUNCE_MS = 250;

const DEFAULT_SETTINGS = { configFile: null, failOn: 'error' };

export function startServer() {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  const state = {
    settings: { ...DEFAULT_SETTINGS },
    workspace: null,
    published: new Map(), // root → URIs with diagnostics
    diagnostics: new Map(), // URI → diagnostics
    timers: new Map(), // root → pending check
    running: new Set(), // roots being checked
    rerun: new Set(), // roots that changed while being checked
    errors: new Map(), // root → last error shown
  };

  const filePath = (uri) => (uri.startsWith('file:') ? fileURLToPath(uri) : null);
  const configFile = () => {
    const file = state.settings.configFile;
    return file ? path.resolve(state.workspace || process.cwd(), file) : null;
  };

  /** Checks `root` now, or once more after the check that is running (results never arrive out of order). */
  async function check(root) {
    state.timers.delete(root);
    if (state.running.has(root)) {
      state.rerun.add(root);
      return;
    }
    state.running.add(root);
    try {
      await checkOnce(root);
    } catch (error) {
      connection.console.error(`fklint: checking ${root} failed: ${error && error.stack ? error.stack : error}`);
    } finally {
      state.running.delete(root);
    }
    if (state.rerun.delete(root)) schedule(root, 0);
  }

  async function checkOnce(root) {
    const snapshot = new Map();
    for (const doc of documents.all()) {
      const file = filePath(doc.uri);
      if (file && contains(root, file)) snapshot.set(file, { text: doc.getText(), version: doc.version });
    }
    const buffers = Object.fromEntries([...snapshot].map(([file, buffer]) => [file, buffer.text]));
    const result = await checkRoot(root, { buffers, configFile: configFile() });
    const before = state.published.get(root) || new Set();
    const now = new Set();
    if (result.error) {
      if (state.errors.get(root) !== result.error) connection.window.showErrorMessage(`fklint: ${result.error}`);
      state.errors.set(root, result.error);
    } else {
      state.errors.delete(root);
      const byUri = diagnosticsByUri(result.report, new Texts(snapshot), state.settings.failOn);
      for (const [uri, diagnostics] of byUri) {
        now.add(uri);
        state.diagnostics.set(uri, diagnostics);
        connection.sendDiagnostics({ uri, diagnostics });
      }
    }
    for (const uri of before) {
      if (!now.has(uri)) {
        state.diagnostics.delete(uri);
        connection.sendDiagnostics({ uri, diagnostics: [] });
      }
    }
    state.published.set(root, now);
  }

  function schedule(root, delay) {
    clearTimeout(state.timers.get(root));
    state.timers.set(root, setTimeout(() => check(root), delay));
  }

  function scheduleFile(file, delay) {
    if (file) schedule(rootFor(file, configFile()), delay);
  }

  function recheckEverything() {
    const roots = new Set([...state.published.keys()]);
    for (const doc of documents.all()) {
      const file = filePath(doc.uri);
      if (file) roots.add(rootFor(file, configFile()));
    }
    for (const root of roots) schedule(root, 0);
  }

  connection.onInitialize((params) => {
    const folder = (params.workspaceFolders && params.workspaceFolders[0]) || null;
    const rootUri = folder ? folder.uri : params.rootUri;
    state.workspace = rootUri ? filePath(rootUri) : null;
    state.settings = { ...DEFAULT_SETTINGS, ...(params.initializationOptions || {}) };
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
      },
      serverInfo: { name: 'fklint' },
    };
  });

  connection.onDidChangeConfiguration((change) => {
    const settings = change.settings && change.settings.fklint;
    if (settings) {
      state.settings = { ...DEFAULT_SETTINGS, ...settings };
      recheckEverything();
    }
  });

  documents.onDidChangeContent((event) => scheduleFile(filePath(event.document.uri), DEBOUNCE_MS));
  documents.onDidSave((event) => scheduleFile(filePath(event.document.uri), 0));
  // The file on disk counts again: check its folder without the buffer.
  documents.onDidClose((event) => scheduleFile(filePath(event.document.uri), 0));

  connection.onDidChangeWatchedFiles((params) => {
    const files = params.changes.map((change) => filePath(change.uri)).filter(Boolean);
    if (files.some((file) => path.basename(file) === 'fklint.toml')) return recheckEverything();
    const roots = new Set(files.map((file) => rootFor(file, configFile())));
    for (const root of state.published.keys()) if (files.some((file) => contains(root, file))) roots.add(root);
    for (const root of roots) schedule(root, DEBOUNCE_MS);
  });

  connection.onCodeAction((params) => {
    const known = state.diagnostics.get(params.textDocument.uri) || [];
    const actions = [];
    for (const asked of params.context.diagnostics) {
      if (asked.source !== 'fklint') continue;
      const found = known.find((d) => d.code === asked.code && sameRange(d.range, asked.range));
      const fix = found && found.data.fix;
      if (!fix) continue;
      actions.push({
        title: `${fix.title} (${found.code})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [found],
        isPreferred: true,
        edit: { documentChanges: fix.changes },
      });
    }
    return actions;
  });

  connection.onHover(async (params) => {
    const known = state.diagnostics.get(params.textDocument.uri) || [];
    const here = known.filter((d) => inRange(params.position, d.range));
    if (here.length === 0) return null;
    const sections = [];
    for (const d of here) {
      const docs = await explain(d.code);
      // The docs' first line repeats the code and name.
      sections.push(`**${d.code} ${d.data.name}**: ${d.message}\n\n${docs ? docs.replace(/^[^\n]*\n/, '') : ''}`);
    }
    return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: here[0].range };
  });

  documents.listen(connection);
  connection.listen();
}

function sameRange(a, b) {
  return a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}

function before(a, b) {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function inRange(position, range) {
  return before(range.start, position) && before(position, range.end);
}
