// `npx fklint` against the native CLI, byte for byte: stdout, stderr and the exit code of `check` in every
// format (text with code frames, json, sarif, github), `schema`, `fix` (diff and forward) on every example and
// every item of ../shared/corpus; `fix --write` (the files it leaves), fklint.toml discovery and errors,
// standard input, `rules`, `explain` and `--help`. The npm side is the installed tarball: its `fklint` bin
// (spawned) for the examples, and its WASI runner (npm/cli.js, what the bin calls) in this process for the rest,
// so the corpus does not pay a Node.js start per run. Uses FKLINT_CLI, else target/release/fklint.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import support from './support.cjs';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(repo, process.env.CARGO_TARGET_DIR) : path.join(repo, 'target');
const native = [process.env.FKLINT_CLI, path.join(targetDir, 'release/fklint')].find((c) => c && fs.existsSync(c));
if (!native) throw new Error('no native fklint: cargo build --release -p fklint-cli (or set FKLINT_CLI)');

const installed = support.packAndInstall('npx');
after(() => support.cleanup(installed.dir));
const bin = path.join(installed.app, 'node_modules', '.bin', 'fklint');
const { runFklintInWorker } = await import(pathToFileURL(path.join(installed.app, 'node_modules', 'fklint', 'cli.js')).href);

const env = { ...process.env, NO_COLOR: '1' };

function runNative(args, { cwd = repo, input } = {}) {
  const result = spawnSync(native, args, { cwd, env, input, maxBuffer: 1 << 30 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function runSpawnedNpx(args, { cwd = repo } = {}) {
  const result = spawnSync(bin, args, { cwd, env, maxBuffer: 1 << 30 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The package's runner in this process (a worker thread), with stdin/stdout/stderr as temporary files. */
async function runInProcessNpx(args, { cwd = repo, input } = {}) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fklint-parity-'));
  const file = (name) => path.join(scratch, name);
  fs.writeFileSync(file('stdin'), input || '');
  const fds = { stdin: fs.openSync(file('stdin'), 'r'), stdout: fs.openSync(file('stdout'), 'w'), stderr: fs.openSync(file('stderr'), 'w') };
  try {
    const code = await runFklintInWorker(args, { cwd, env, ...fds });
    return { code, stdout: fs.readFileSync(file('stdout')), stderr: fs.readFileSync(file('stderr')) };
  } finally {
    for (const fd of Object.values(fds)) fs.closeSync(fd);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function assertSame(npx, nat, what) {
  assert.equal(npx.code, nat.code, `${what}: exit code`);
  assert.equal(npx.stderr.toString('utf8'), nat.stderr.toString('utf8'), `${what}: stderr`);
  // Buffers, not strings: byte for byte, invalid UTF-8 included.
  assert.ok(npx.stdout.equals(nat.stdout), `${what}: stdout differs\n--- npx\n${npx.stdout.toString('utf8').slice(0, 2000)}\n--- native\n${nat.stdout.toString('utf8').slice(0, 2000)}`);
}

const FORMATS = ['text', 'json', 'sarif', 'github'];

/** Every item: the examples, and each item folder of the corpus (as a user would point fklint at it). */
function corpusItems() {
  const corpus = path.join(repo, '..', 'shared', 'corpus');
  if (!fs.existsSync(corpus)) return [];
  const dirs = (dir) => fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'truth').map((e) => path.join(dir, e.name));
  const items = [];
  for (const group of ['postgres', 'mysql', 'sqlite', 'orm']) items.push(...dirs(path.join(corpus, group)));
  for (const group of ['tools', 'frontends']) for (const dialect of dirs(path.join(corpus, group))) items.push(...dirs(dialect));
  items.push(path.join(corpus, 'postgres-regress', 'sql'));
  return items.filter((dir) => fs.existsSync(dir)).map((dir) => path.relative(repo, dir));
}

const examples = fs.readdirSync(path.join(repo, 'examples')).sort().map((name) => `examples/${name}`);

test('the npx bin prints what the native CLI prints on every example', async (t) => {
  for (const example of examples) {
    await t.test(example, () => {
      for (const args of [['check', example], ['check', '--format', 'json', '--fail-on', 'info', example]]) {
        assertSame(runSpawnedNpx(args), runNative(args), args.join(' '));
      }
    });
  }
});

test('check (every format), schema and fix on every example and corpus item', async (t) => {
  const items = [...examples, ...corpusItems()];
  if (process.env.FKLINT_REQUIRE_CORPUS === '1') assert.ok(items.length > examples.length + 30, 'the corpus is missing');
  for (const item of items) {
    await t.test(item, async () => {
      // Every format everywhere; the other commands share the same reading and rendering code, so the
      // examples (which have fixes of every kind) are enough for them.
      const commands = [...FORMATS.map((format) => ['check', '--format', format, item]), ['fix', item]];
      if (item.startsWith('examples/')) {
        commands.push(['check', '--fail-on', 'warning', item], ['schema', item], ['fix', '--forward', item]);
      }
      for (const args of commands) assertSame(await runInProcessNpx(args), runNative(args), args.join(' '));
    });
  }
});

/** A copy of `dir` in a new temporary folder; returns the copy's path. */
function copyOf(dir) {
  const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fklint-parity-write-')), path.basename(dir));
  fs.cpSync(dir, target, { recursive: true });
  return target;
}

function filesOf(dir) {
  const out = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath || entry.path, entry.name);
      out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  }
  return out;
}

test('fix --write leaves the same files', async (t) => {
  for (const example of examples) {
    await t.test(example, async () => {
      const a = copyOf(path.join(repo, example));
      const b = copyOf(path.join(repo, example));
      try {
        const nat = runNative(['fix', '--write', '.'], { cwd: a });
        const npx = await runInProcessNpx(['fix', '--write', '.'], { cwd: b });
        assertSame(npx, nat, 'fix --write');
        assert.deepEqual(filesOf(b), filesOf(a));
        assert.notDeepEqual(filesOf(a), filesOf(path.join(repo, example)), 'the example has edit fixes to write');
      } finally {
        fs.rmSync(path.dirname(a), { recursive: true, force: true });
        fs.rmSync(path.dirname(b), { recursive: true, force: true });
      }
    });
  }
});

test('configuration, errors, standard input, rules, explain and help', async (t) => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'fklint-parity-config-'));
  t.after(() => fs.rmSync(project, { recursive: true, force: true }));
  fs.cpSync(path.join(repo, 'examples', 'dotmac-platform'), path.join(project, 'db', 'migrations'), { recursive: true });
  fs.writeFileSync(path.join(project, 'db', 'migrations', 'legacy.sql'), 'CREATE TABLE legacy (x int REFERENCES nowhere (id));\n');
  fs.writeFileSync(path.join(project, 'fklint.toml'), 'exclude = ["legacy.sql"]\norder = ["db/migrations/0003*", "nothing/**"]\n[rules]\nFK404 = "off"\nincompatible-key-types = "warning"\n');
  fs.writeFileSync(path.join(project, 'bad.toml'), 'colour = true\n');
  const sub = path.join(project, 'db');
  const cases = [
    { args: ['check', 'migrations'], cwd: sub }, // fklint.toml found above the folder
    { args: ['check', '--show-files', 'migrations'], cwd: sub },
    { args: ['check', '--no-config', 'migrations'], cwd: sub },
    { args: ['check', '--config', '../bad.toml', 'migrations'], cwd: sub },
    { args: ['check', path.join(project, 'db', 'migrations')], cwd: os.tmpdir() }, // absolute path
    { args: ['check', 'no/such/folder'], cwd: project },
    { args: ['check', '--dialect', 'oracle', 'db'], cwd: project },
    { args: ['check', '-'], cwd: project, input: fs.readFileSync(path.join(repo, 'examples/dotmac-platform/0002_sales.sql')) },
    { args: ['check', '--format', 'sarif', '-'], cwd: project, input: Buffer.from('CREATE TABLE t (a int REFERENCES \xff (id));', 'latin1') },
    { args: ['rules'] },
    { args: ['explain', 'FK201'] },
    { args: ['explain', 'FK999'] },
    { args: ['--help'] },
    { args: ['check', '--help'] },
    { args: ['--version'] },
  ];
  for (const c of cases) {
    await t.test(c.args.join(' '), async () => assertSame(await runInProcessNpx(c.args, c), runNative(c.args, c), c.args.join(' ')));
  }
});
