// pre-commit without Rust: `pre-commit try-repo` of this repository's .pre-commit-hooks.yaml (language: node,
// fklint from npm; here from a local registry serving the packed tarball) on a throwaway git repository fails on
// the example's errors, also when only a .py file changed; and the `language: python` hook the README shows
// (fklint from PyPI; here the built wheel) does the same. PATH has no cargo or rustc.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { artefacts, pathWithoutRust, remove, repo, run } from './support.mjs';
import { startRegistry } from './npm-registry.mjs';

let registry;
let scratch;
let env;
before(async () => {
  registry = await startRegistry(artefacts.tarball);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fklint-pre-commit-'));
  env = {
    ...process.env,
    PATH: `${path.join(artefacts.tools, 'bin')}${path.delimiter}${pathWithoutRust()}`,
    PRE_COMMIT_HOME: path.join(scratch, 'cache'),
    npm_config_registry: registry.url,
    npm_config_cache: path.join(scratch, 'npm-cache'),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    PIP_FIND_LINKS: path.dirname(artefacts.wheel),
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    GIT_AUTHOR_NAME: 'fklint test', GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'fklint test', GIT_COMMITTER_EMAIL: 'test@example.invalid',
    NO_COLOR: '1',
  };
});
after(() => {
  registry.close();
  remove(scratch);
});

async function git(cwd, ...args) {
  const result = await run('git', args, { cwd, env });
  assert.equal(result.code, 0, `git ${args.join(' ')}: ${result.stderr}`);
}

/** A new git repository with examples/NAME copied into db/migrations; `stage` decides what is added. */
async function projectRepo(name, example, stage = ['.']) {
  const dir = path.join(scratch, name);
  fs.cpSync(path.join(repo, 'examples', example), path.join(dir, 'db', 'migrations'), { recursive: true });
  await git(dir, 'init', '-q');
  await git(dir, 'add', ...stage);
  return dir;
}

/** A git repository holding only this repository's hook manifest, committed (what `rev:` would fetch). */
async function hooksRepo() {
  const dir = path.join(scratch, 'hooks');
  fs.mkdirSync(dir);
  fs.copyFileSync(path.join(repo, '.pre-commit-hooks.yaml'), path.join(dir, '.pre-commit-hooks.yaml'));
  await git(dir, 'init', '-q');
  await git(dir, 'add', '.');
  await git(dir, 'commit', '-q', '-m', 'hooks');
  return dir;
}

test('the manifest installs the release it belongs to', () => {
  const manifest = fs.readFileSync(path.join(repo, '.pre-commit-hooks.yaml'), 'utf8');
  assert.match(manifest, new RegExp(`"fklint@${registry.version.replace(/\./g, '\\.')}"`));
});

test('try-repo: the node hook fails on the errors, and runs when only a .py file is staged', async (t) => {
  const hooks = await hooksRepo();
  const project = await projectRepo('project-sql', 'dotmac-platform');
  const all = await run('pre-commit', ['try-repo', hooks, 'fklint', '--all-files'], { cwd: project, env });
  assert.equal(all.code, 1, all.stdout + all.stderr);
  assert.match(all.stdout, /fklint\.+Failed/);
  assert.match(all.stdout, /error\[FK101\]: orders\.tenant_id references table `tenant`/);
  assert.match(all.stdout, /Found 15 errors in 3 files/);

  const models = await projectRepo('project-py', 'dotmac-models', ['db/migrations/models.py']);
  const py = await run('pre-commit', ['try-repo', hooks, 'fklint'], { cwd: models, env });
  assert.doesNotMatch(py.stdout, /Skipped/, 'a .py change runs the hook');
  assert.equal(py.code, 1, py.stdout + py.stderr);
  assert.match(py.stdout, /fklint\.+Failed/);
  assert.match(py.stdout, /models\.py/);
  t.diagnostic(`try-repo output:\n${all.stdout.split('\n').slice(0, 12).join('\n')}`);
});

test('a local language: python hook (fklint from PyPI) fails on the errors', async () => {
  const project = await projectRepo('project-python-hook', 'dotmac-platform');
  fs.writeFileSync(path.join(project, '.pre-commit-config.yaml'), `repos:
  - repo: local
    hooks:
      - id: fklint
        name: fklint
        entry: fklint check
        language: python
        additional_dependencies: ["fklint==${registry.version}"]
        files: (\\.(sql|py)|(^|/)fklint\\.toml)$
        pass_filenames: false
        args: [db/migrations]
`);
  await git(project, 'add', '.pre-commit-config.yaml');
  const result = await run('pre-commit', ['run', '--all-files'], { cwd: project, env });
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stdout, /fklint\.+Failed/);
  assert.match(result.stdout, /error\[FK201\]/);
});
