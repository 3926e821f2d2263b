// Every fenced snippet of the READMEs runs, as a reader would run it, in a sandbox project that holds the paths
// they name (migrations/, db/migrations/, alembic/versions/, ...): shell lines with `fklint` on PATH (the native
// CLI; `npx fklint` finds the packed tarball installed in the sandbox; `pip install` installs the wheel), the
// JavaScript with the package installed, TOML as a configuration, the pre-commit configuration through
// pre-commit, the workflow's `run:` steps (npx from a local registry serving the tarball), SQL through
// `fklint check`, sample output compared with the real output. A command may find problems (exit 1), never
// fail to run (exit 2 or more). The few lines that cannot run inside a test are listed below with the reason,
// and must still be in the README (so the list cannot go stale).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { artefacts, pathWithoutRust, remove, repo, run } from './support.mjs';
import { startRegistry } from './npm-registry.mjs';
import { LspClient } from '../../npm/test/lsp-client.mjs';

const READMES = ['README.md', 'npm/README.md', 'crates/fklint-cli/README.md', 'editors/vscode/README.md'];

/** Lines that a test cannot run, with why; each is covered elsewhere. */
const NOT_RUN = new Map([
  ['scripts/run.sh', 'serves the page until stopped; scripts/test-web.sh builds and serves the same site'],
  ['scripts/test.sh', 'the test command itself (this test is one of its stages)'],
  ['cargo run --release -p fklint-tests --bin bench', 'the benchmark; scripts/test.sh runs it with --quick'],
]);

/** Fenced blocks: `{ file, line, lang, code }` (indented blocks dedented). */
function snippets(file) {
  const lines = fs.readFileSync(path.join(repo, file), 'utf8').split('\n');
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w+)/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    const body = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]); j++) body.push(lines[j].slice(indent));
    found.push({ file, line: i + 1, lang: open[2], code: body.join('\n') + '\n' });
    i = j;
  }
  return found;
}

/** Shell commands of a block: continuation lines joined, comment-only lines dropped. */
function commands(code) {
  return code.replace(/\\\n\s*/g, '').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

const withoutComment = (command) => command.replace(/\s+#.*$/, '').trim();

let sandbox;
let registry;
let env;

/** A project with everything the snippets name, fklint on PATH, the package installed, the wheel findable. */
async function makeSandbox() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fklint-readme-'));
  const example = (name, to) => fs.cpSync(path.join(repo, 'examples', name), path.join(dir, to), { recursive: true });
  example('dotmac-platform', 'examples/dotmac-platform');
  fs.cpSync(path.join(repo, 'examples'), path.join(dir, 'examples'), { recursive: true });
  example('dotmac-platform', 'migrations');
  example('dotmac-platform', 'db/migrations');
  example('laravel-mysql-shop', 'database/schema');
  example('tripwire-cross-database', 'main');
  example('tripwire-cross-database', 'tripwire');
  const dotmac = path.join(repo, 'examples', 'dotmac-platform');
  fs.copyFileSync(path.join(dotmac, '0001_tenants_and_users.sql'), path.join(dir, '0001_init.sql'));
  fs.copyFileSync(path.join(dotmac, '0002_sales.sql'), path.join(dir, '0002_orders.sql'));
  fs.copyFileSync(path.join(dotmac, '0001_tenants_and_users.sql'), path.join(dir, 'migrations', '0001_init.sql'));
  fs.writeFileSync(path.join(dir, 'schema.sql'), fs.readdirSync(dotmac).filter((f) => f.endsWith('.sql')).sort().map((f) => fs.readFileSync(path.join(dotmac, f), 'utf8')).join('\n'));
  // Alembic: two revisions of a chain, the second referencing a table the first names differently.
  fs.mkdirSync(path.join(dir, 'alembic', 'versions'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'alembic', 'versions', 'a1_users.py'), 'from alembic import op\nimport sqlalchemy as sa\nrevision = "a1"\ndown_revision = None\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))\n');
  fs.writeFileSync(path.join(dir, 'alembic', 'versions', 'b2_posts.py'), 'from alembic import op\nimport sqlalchemy as sa\nrevision = "b2"\ndown_revision = "a1"\n\ndef upgrade():\n    op.create_table("posts", sa.Column("id", sa.Integer, primary_key=True), sa.Column("author_id", sa.Integer, sa.ForeignKey("user.id")))\n');
  // `fklint` on PATH: the native CLI; `npx fklint`: the tarball, installed here.
  fs.mkdirSync(path.join(dir, '.bin'));
  fs.symlinkSync(artefacts.native, path.join(dir, '.bin', 'fklint'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'sandbox', private: true, version: '0.0.0' }));
  const install = await run('npm', ['install', '--offline', '--no-package-lock', '--no-audit', '--no-fund', artefacts.tarball], { cwd: dir });
  assert.equal(install.code, 0, install.stderr);
  const venv = path.join(dir, '.venv');
  assert.equal((await run('python3', ['-m', 'venv', venv])).code, 0);
  return dir;
}

before(async () => {
  registry = await startRegistry(artefacts.tarball);
  sandbox = await makeSandbox();
  env = {
    ...process.env,
    // The virtualenv first (`pip install fklint` lands there), then the native CLI, then no Rust.
    PATH: [path.join(sandbox, '.venv', 'bin'), path.join(sandbox, '.bin'), path.join(artefacts.tools, 'bin'), pathWithoutRust()].join(path.delimiter),
    VIRTUAL_ENV: path.join(sandbox, '.venv'),
    NO_COLOR: '1',
    npm_config_registry: registry.url,
    npm_config_cache: path.join(sandbox, '.npm-cache'),
    npm_config_update_notifier: 'false',
    PIP_FIND_LINKS: path.dirname(artefacts.wheel),
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PRE_COMMIT_HOME: path.join(sandbox, '.pre-commit-cache'),
    GIT_AUTHOR_NAME: 'fklint test', GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'fklint test', GIT_COMMITTER_EMAIL: 'test@example.invalid',
  };
});
after(() => {
  registry.close();
  remove(sandbox);
});

/** Runs one shell command as a reader would: cargo in the repository (with its build), the rest in the sandbox. */
async function shell(command) {
  const inRepo = /^cargo /.test(command);
  const extra = inRepo ? { CARGO_TARGET_DIR: path.join(repo, 'target'), CARGO_INSTALL_ROOT: path.join(sandbox, '.cargo-root'), PATH: process.env.PATH } : {};
  const result = await run('bash', ['-o', 'pipefail', '-c', command], { cwd: inRepo ? repo : sandbox, env: { ...env, ...extra } });
  assert.ok(result.code === 0 || result.code === 1, `\`${command}\` exited ${result.code}:\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
  return result;
}

const nativeFirstFinding = async () => {
  const out = await run(artefacts.native, ['check', 'examples/dotmac-platform'], { cwd: sandbox, env });
  return { first: out.stdout.split('\n\n')[0], all: out.stdout };
};

const runners = {
  async sh(snippet) {
    for (const command of commands(snippet.code)) {
      if (NOT_RUN.has(withoutComment(command))) continue;
      await shell(command);
    }
  },
  async text(snippet) {
    if (snippet.file === 'README.md') {
      const { first } = await nativeFirstFinding();
      assert.equal(snippet.code.trimEnd(), first, 'the sample output is the real first finding');
    } else {
      // The Problems panel's wording: the finding's message and its related location's.
      const json = JSON.parse((await run(artefacts.native, ['check', '--format', 'json', 'examples/dotmac-platform'], { cwd: sandbox, env })).stdout);
      const fk101 = json.findings.find((f) => f.code === 'FK101');
      const flat = snippet.code.replace(/\s+/g, ' ');
      assert.ok(flat.includes(fk101.message), `${flat}\nlacks\n${fk101.message}`);
      assert.ok(flat.includes(fk101.related[0].message));
      assert.ok(flat.includes(`[Ln ${fk101.line}, Col ${fk101.column}]`));
    }
  },
  async html(snippet) {
    assert.ok(fs.existsSync(path.join(repo, 'web', 'fk-lint.js')));
    const sql = /<script type="text\/sql">([\s\S]*?)<\/script>/.exec(snippet.code)[1];
    const result = await run(artefacts.native, ['check', '--format', 'json', '-'], { cwd: sandbox, env, input: sql });
    assert.ok(JSON.parse(result.stdout).findings.some((f) => f.code === 'FK101'));
  },
  async js(snippet) {
    const commonJs = /\brequire\(/.test(snippet.code) && !/^\s*import\s/m.test(snippet.code);
    const file = path.join(sandbox, `snippet-${path.basename(snippet.file, '.md')}-${snippet.line}.${commonJs ? 'cjs' : 'mjs'}`);
    fs.writeFileSync(file, snippet.code);
    const result = await run(process.execPath, [file], { cwd: sandbox, env });
    assert.equal(result.code, 0, result.stderr);
  },
  async json(snippet) {
    JSON.parse(snippet.code);
  },
  async toml(snippet) {
    if (snippet.code.includes('[dependency-groups]')) {
      const parsed = await run('python3', ['-c', 'import json, sys, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'], { env, input: snippet.code });
      const dev = JSON.parse(parsed.stdout)['dependency-groups'].dev;
      assert.deepEqual(dev, ['fklint']);
      const pip = await run('pip', ['install', '--no-index', ...dev], { cwd: sandbox, env });
      assert.equal(pip.code, 0, pip.stderr);
      return;
    }
    const config = path.join(sandbox, `fklint-${snippet.line}.toml`);
    fs.writeFileSync(config, snippet.code);
    await shell(`fklint check --config ${config} migrations`);
  },
  async yaml(snippet) {
    if (snippet.code.includes('.pre-commit-config.yaml')) {
      const project = fs.mkdtempSync(path.join(sandbox, 'pre-commit-'));
      fs.cpSync(path.join(repo, 'examples', 'dotmac-platform'), path.join(project, 'db', 'migrations'), { recursive: true });
      fs.writeFileSync(path.join(project, '.pre-commit-config.yaml'), snippet.code);
      for (const args of [['init', '-q'], ['add', '.']]) assert.equal((await run('git', args, { cwd: project, env })).code, 0);
      const result = await run('pre-commit', ['run', '--all-files'], { cwd: project, env });
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stdout, /fklint\.+Failed/);
      assert.match(result.stdout, /error\[FK201\]/);
      return;
    }
    // A GitHub workflow: its `run:` steps, in the sandbox (PyYAML from the tools virtualenv reads it).
    const parsed = await run(path.join(artefacts.tools, 'bin', 'python'), ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'], { input: snippet.code });
    const workflow = JSON.parse(parsed.stdout);
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps).filter((step) => step.run);
    assert.ok(steps.length > 0);
    for (const step of steps) {
      const result = await shell(step.run);
      if (step.run.includes('--format github')) assert.match(result.stdout, /^::error file=db\/migrations\//m);
    }
    assert.equal(JSON.parse(fs.readFileSync(path.join(sandbox, 'fklint.sarif'), 'utf8')).version, '2.1.0');
  },
  async sql(snippet) {
    const result = await run(artefacts.native, ['check', '-'], { cwd: sandbox, env, input: snippet.code });
    assert.ok(result.code === 0 || result.code === 1, result.stderr);
  },
  async lua(snippet) {
    // Neovim's command line for the server: it must start and answer `initialize`.
    const cmd = JSON.parse(`[${/cmd = \{([^}]*)\}/.exec(snippet.code)[1]}]`);
    const client = new LspClient(cmd[0], cmd.slice(1), { cwd: sandbox, env });
    try {
      const init = await client.request('initialize', { processId: null, rootUri: null, capabilities: {} });
      assert.equal(init.serverInfo.name, 'fklint');
      await client.stop();
    } finally {
      client.process.kill();
    }
  },
};

for (const file of READMES) {
  test(file, async (t) => {
    const found = snippets(file);
    assert.ok(found.length > 0);
    for (const snippet of found) {
      await t.test(`${snippet.lang} at line ${snippet.line}`, async () => {
        const runner = runners[snippet.lang];
        assert.ok(runner, `no runner for \`\`\`${snippet.lang} (${file}:${snippet.line})`);
        await runner(snippet);
      });
    }
  });
}

test('every line the test does not run is still in a README', () => {
  const all = READMES.flatMap(snippets).filter((s) => s.lang === 'sh').flatMap((s) => commands(s.code)).map(withoutComment);
  for (const line of NOT_RUN.keys()) assert.ok(all.includes(line), `not in any README any more: ${line}`);
});
