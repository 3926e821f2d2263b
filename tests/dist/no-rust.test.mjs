// The two ways in that promise "no Rust toolchain": in a fresh temporary folder, with cargo, rustc and rustup
// off PATH, `npx` of the packed tarball and `fklint` from the wheel (installed into a fresh virtualenv) check
// examples/dotmac-platform and print exactly what the native CLI prints, with its exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artefacts, pathWithoutRust, projectWith, remove, run } from './support.mjs';

const EXAMPLE = 'examples/dotmac-platform';

test('no Rust toolchain on the PATH used', async () => {
  const env = { ...process.env, PATH: pathWithoutRust() };
  for (const tool of ['cargo', 'rustc']) {
    const found = await run('bash', ['-c', `command -v ${tool} || true`], { env });
    assert.equal(found.stdout.trim(), '', `${tool} is still on PATH`);
  }
});

test('npx of the packed tarball prints what the native CLI prints', async (t) => {
  const dir = projectWith('dotmac-platform');
  t.after(() => remove(dir));
  const env = { ...process.env, PATH: pathWithoutRust(), NO_COLOR: '1', npm_config_update_notifier: 'false' };
  const native = await run(artefacts.native, ['check', EXAMPLE], { cwd: dir, env });
  assert.equal(native.code, 1);
  assert.match(native.stdout, /^error\[FK201\]/);
  const started = Date.now();
  const npx = await run('npx', ['--yes', `--package=${artefacts.tarball}`, '--', 'fklint', 'check', EXAMPLE], { cwd: dir, env });
  t.diagnostic(`npx fklint check ${EXAMPLE}: ${Date.now() - started} ms (first run: installs the tarball)`);
  assert.equal(npx.stderr, '', 'no warning (the WASI one is silenced)');
  assert.equal(npx.code, native.code);
  assert.equal(npx.stdout, native.stdout);
});

test('the wheel, installed into a fresh virtualenv, puts the same `fklint` on PATH', async (t) => {
  const dir = projectWith('dotmac-platform');
  t.after(() => remove(dir));
  const env = { ...process.env, PATH: pathWithoutRust(), NO_COLOR: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1' };
  const venv = path.join(dir, '.venv');
  assert.equal((await run('python3', ['-m', 'venv', venv], { env })).code, 0);
  const pip = await run(path.join(venv, 'bin', 'pip'), ['install', '--no-index', artefacts.wheel], { env });
  assert.equal(pip.code, 0, pip.stderr);
  const activated = { ...env, PATH: `${path.join(venv, 'bin')}${path.delimiter}${env.PATH}`, VIRTUAL_ENV: venv };
  const which = await run('bash', ['-c', 'command -v fklint'], { env: activated });
  assert.equal(which.stdout.trim(), path.join(venv, 'bin', 'fklint'));
  const native = await run(artefacts.native, ['check', EXAMPLE], { cwd: dir, env });
  const wheel = await run('fklint', ['check', EXAMPLE], { cwd: dir, env: activated });
  assert.equal(wheel.code, native.code);
  assert.equal(wheel.stdout, native.stdout);
  assert.equal(wheel.stderr, native.stderr);
});
