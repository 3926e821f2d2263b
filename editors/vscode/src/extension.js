// A thin client: starts fklint's language server (`fklint lsp`, the npm package's, shipped in this extension
// under server/) and passes it the settings. Everything else (what to check, findings, quick fixes, hover
// docs) is the server's, which every other editor gets too.
const path = require('node:path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client = null;

function settings() {
  const config = vscode.workspace.getConfiguration('fklint');
  return { configFile: config.get('configFile') || null, failOn: config.get('failOn') || 'error' };
}

async function activate(context) {
  const server = context.asAbsolutePath(path.join('server', 'bin', 'fklint.js'));
  const serverOptions = { module: server, args: ['lsp'], transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'sql' },
      { scheme: 'file', pattern: '**/{migrations,versions,alembic}/**/*.py' },
      { scheme: 'file', pattern: '**/models.py' },
    ],
    initializationOptions: settings(),
    synchronize: {
      configurationSection: 'fklint',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.sql,*.py,fklint.toml}'),
    },
  };
  client = new LanguageClient('fklint', 'fklint', serverOptions, clientOptions);
  await client.start();
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
