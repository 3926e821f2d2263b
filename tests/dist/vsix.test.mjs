// The VS Code extension's .vsix (scripts/build-vscode.sh): it holds the bundled client, the language server
// (the npm package's `fklint lsp` and the WASI CLI), the settings for the configuration file and fail-on, and
// the README with a finding and its quick fix; the server inside it answers an editor.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { artefacts, remove, repo, run } from './support.mjs';
import { LspClient } from '../../npm/test/lsp-client.mjs';

const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'fklint-vsix-'));
after(() => remove(unpacked));

test('the .vsix holds the client, the server, the settings and the README', async () => {
  const unzip = await run('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', artefacts.vsix, unpacked]);
  assert.equal(unzip.code, 0, unzip.stderr);
  const ext = path.join(unpacked, 'extension');
  for (const file of ['package.json', 'readme.md', 'dist/extension.js', 'server/bin/fklint.js', 'server/cli.js', 'server/cli-worker.js',
    'server/lsp/server.js', 'server/lsp/vendor.js', 'server/dist/wasi/fklint.wasm', 'server/dist/docs/rules/FK101.md']) {
    assert.ok(fs.existsSync(path.join(ext, file)), `${file} is in the .vsix`);
  }
  assert.ok(!fs.existsSync(path.join(ext, 'node_modules')), 'dependencies are bundled');
  const manifest = JSON.parse(fs.readFileSync(path.join(ext, 'package.json'), 'utf8'));
  const workspaceVersion = /\[workspace\.package\][^[]*?version = "([^"]+)"/.exec(fs.readFileSync(path.join(repo, 'Cargo.toml'), 'utf8'))[1];
  assert.equal(manifest.version, workspaceVersion);
  const properties = manifest.contributes.configuration.properties;
  assert.deepEqual(Object.keys(properties).sort(), ['fklint.configFile', 'fklint.failOn']);
  assert.deepEqual(properties['fklint.failOn'].enum, ['error', 'warning', 'info']);
  const readme = fs.readFileSync(path.join(ext, 'readme.md'), 'utf8'); // vsce's name for it
  assert.match(readme, /fklint\(FK101\)/);
  assert.match(readme, /Reference `tenants` instead of `tenant` \(FK101\)/);
});

test('the server in the .vsix publishes findings', async (t) => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'fklint-vsix-project-'));
  t.after(() => remove(project));
  fs.cpSync(path.join(repo, 'examples', 'dotmac-platform'), project, { recursive: true });
  const file = path.join(project, '0002_sales.sql');
  const client = new LspClient(process.execPath, [path.join(unpacked, 'extension', 'server', 'bin', 'fklint.js'), 'lsp', '--stdio']);
  t.after(() => client.process.kill());
  await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(project).href, capabilities: {}, initializationOptions: { failOn: 'error' } });
  client.notify('initialized', {});
  const uri = pathToFileURL(file).href;
  const published = client.diagnostics(uri, (d) => d.length > 0, 'diagnostics');
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version: 1, text: fs.readFileSync(file, 'utf8') } });
  const diagnostics = await published;
  assert.ok(diagnostics.some((d) => d.code === 'FK101' && d.range.start.line === 4));
  await client.stop();
});
