// `fklint lsp` from the installed tarball, spoken to over stdio as an editor would: diagnostics with UTF-16
// ranges on a line with non-ASCII text, related locations and rule links, hover docs, a quick fix applied as
// the returned WorkspaceEdit says and the finding gone after didChange, a closed file that only another file's
// change breaks (and mends), and the CLI's configuration (fklint.toml) obeyed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import support from './support.cjs';
import { LspClient } from './lsp-client.mjs';

const installed = support.packAndInstall('lsp');
after(() => support.cleanup(installed.dir));

const TENANTS = 'CREATE TABLE tenants (id varchar(255) PRIMARY KEY);\n';
const ORDERS =
  '-- Bestellungen für Kunden 😀\n' +
  "CREATE TABLE orders (note text DEFAULT 'ünïcödé 😀', tenant_id varchar(255) REFERENCES tenant (id));\n";

/** Applies LSP text edits (0-based lines, UTF-16 characters) to a string. */
function applyEdits(text, edits) {
  const lines = text.split('\n');
  const offset = ({ line, character }) => lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const edit of sorted) out = out.slice(0, offset(edit.range.start)) + edit.newText + out.slice(offset(edit.range.end));
  return out;
}

test('an editor session over stdio', async (t) => {
  const project = path.join(installed.dir, 'project');
  const folder = path.join(project, 'db', 'migrations');
  fs.mkdirSync(folder, { recursive: true });
  // The configuration sits above the folder, as in a real repository: the server must find and obey it.
  fs.writeFileSync(path.join(project, 'fklint.toml'), '[rules]\nFK404 = "off"\n');
  const tenantsFile = path.join(folder, '0001_tenants.sql');
  const ordersFile = path.join(folder, '0002_orders.sql');
  fs.writeFileSync(tenantsFile, TENANTS);
  fs.writeFileSync(ordersFile, ORDERS);
  const tenantsUri = pathToFileURL(tenantsFile).href;
  const ordersUri = pathToFileURL(ordersFile).href;

  const bin = path.join(installed.app, 'node_modules', '.bin', 'fklint');
  const client = new LspClient(bin, ['lsp', '--stdio'], { cwd: installed.app });
  t.after(() => client.process.kill());

  const init = await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(project).href,
    capabilities: {},
  });
  assert.ok(init.capabilities.codeActionProvider);
  assert.equal(init.capabilities.hoverProvider, true);
  client.notify('initialized', {});

  let diagnostics;
  await t.test('opening a migration publishes its findings with UTF-16 ranges', async () => {
    const published = client.diagnostics(ordersUri, (d) => d.length > 0, 'diagnostics of 0002_orders.sql');
    client.notify('textDocument/didOpen', { textDocument: { uri: ordersUri, languageId: 'sql', version: 1, text: ORDERS } });
    diagnostics = await published;
    const codes = diagnostics.map((d) => d.code).sort();
    assert.ok(codes.includes('FK101'), codes.join());
    assert.ok(!codes.includes('FK404'), 'fklint.toml turns FK404 off');
    const fk101 = diagnostics.find((d) => d.code === 'FK101');
    const line = ORDERS.split('\n')[1];
    const character = line.indexOf('tenant (id)'); // UTF-16 code units: the emoji counts 2, accents 1
    assert.notEqual(character, [...line.slice(0, character)].length, 'the line has a character outside the BMP');
    assert.deepEqual(fk101.range, { start: { line: 1, character }, end: { line: 1, character: character + 'tenant'.length } });
    assert.equal(fk101.severity, 1);
    assert.equal(fk101.source, 'fklint');
    assert.match(fk101.codeDescription.href, /^file:.*\/docs\/rules\/FK101\.md$/);
    assert.ok(fs.existsSync(fileURLToPath(fk101.codeDescription.href)), 'the rule page is in the package');
    assert.equal(fk101.relatedInformation[0].location.uri, tenantsUri);
    assert.deepEqual(fk101.relatedInformation[0].location.range.start, { line: 0, character: 'CREATE TABLE '.length });
    assert.match(fk101.relatedInformation[0].message, /`tenants` is created here/);
  });

  await t.test('hover shows the rule docs', async () => {
    const fk101 = diagnostics.find((d) => d.code === 'FK101');
    const hover = await client.request('textDocument/hover', { textDocument: { uri: ordersUri }, position: fk101.range.start });
    assert.match(hover.contents.value, /FK101 missing-referenced-table/);
    assert.match(hover.contents.value, /## Why it is bad/);
    assert.doesNotMatch(hover.contents.value, /expect_diagnostic|```sql valid/);
  });

  await t.test('the quick fix is a WorkspaceEdit that clears the finding', async () => {
    const fk101 = diagnostics.find((d) => d.code === 'FK101');
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: ordersUri },
      range: fk101.range,
      context: { diagnostics: [fk101] },
    });
    const action = actions.find((a) => a.kind === 'quickfix' && /tenants/.test(a.title));
    assert.ok(action, JSON.stringify(actions));
    const [change] = action.edit.documentChanges;
    assert.deepEqual(change.textDocument, { uri: ordersUri, version: 1 });
    const fixed = applyEdits(ORDERS, change.edits);
    assert.match(fixed, /REFERENCES tenants \(id\)/);
    const cleared = client.diagnostics(ordersUri, (d) => !d.some((x) => x.code === 'FK101'), 'FK101 gone');
    client.notify('textDocument/didChange', {
      textDocument: { uri: ordersUri, version: 2 },
      contentChanges: [{ text: fixed }],
    });
    await cleared;
    // Saved and closed: from now on the file is read from disk.
    fs.writeFileSync(ordersFile, fixed);
    client.notify('textDocument/didSave', { textDocument: { uri: ordersUri } });
    client.notify('textDocument/didClose', { textDocument: { uri: ordersUri } });
  });

  await t.test("a closed file that only another file's change breaks, and mends", async () => {
    client.notify('textDocument/didOpen', { textDocument: { uri: tenantsUri, languageId: 'sql', version: 1, text: TENANTS } });
    const broken = client.diagnostics(ordersUri, (d) => d.some((x) => x.code === 'FK101'), 'FK101 in the closed 0002');
    client.notify('textDocument/didChange', {
      textDocument: { uri: tenantsUri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 13 }, end: { line: 0, character: 20 } }, text: 'accounts' }],
    });
    const [fk101] = (await broken).filter((d) => d.code === 'FK101');
    assert.match(fk101.message, /`tenants`/);
    const mended = client.diagnostics(ordersUri, (d) => d.length === 0, 'no findings in 0002 again');
    client.notify('textDocument/didChange', {
      textDocument: { uri: tenantsUri, version: 3 },
      contentChanges: [{ range: { start: { line: 0, character: 13 }, end: { line: 0, character: 21 } }, text: 'tenants' }],
    });
    await mended;
  });

  await client.stop();
  assert.equal(client.process.exitCode, 0);
});
