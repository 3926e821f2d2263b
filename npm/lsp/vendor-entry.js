// The parts of vscode-languageserver (MIT) the server uses, bundled by scripts/build-lsp.sh into lsp/vendor.js
// so that the published package keeps no dependencies.
export {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  DiagnosticSeverity,
  MarkupKind,
} from 'vscode-languageserver/node';
export { TextDocument } from 'vscode-languageserver-textdocument';
