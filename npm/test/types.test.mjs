// TypeScript: usage files compiled with `tsc --noEmit` (typescript@5 from the npm registry, through npx)
// against the installed tarball, so the `exports` map's `types` conditions are what is tested: bundler
// resolution (index.d.ts), Node.js ESM (index.d.ts) and CommonJS (index.d.cts). Run after scripts/build-wasm.sh.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import support from './support.cjs';

const installed = support.packAndInstall('types');
after(() => support.cleanup(installed.dir));
for (const file of fs.readdirSync(new URL('./types/', import.meta.url))) {
  fs.copyFileSync(new URL(`./types/${file}`, import.meta.url), path.join(installed.app, file));
}

function tsc(project) {
  try {
    return execFileSync('npx', ['-y', '-p', 'typescript@5', 'tsc', '-p', project], {
      cwd: installed.app,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
  } catch (error) {
    assert.fail(`tsc -p ${project} failed:\n${error.stdout}${error.stderr}`);
  }
}

test('tsc --noEmit: browser code (moduleResolution bundler)', () => {
  tsc('tsconfig.bundler.json');
});

test('tsc --noEmit: Node.js ESM (.mts) and CommonJS (.cts), module nodenext', () => {
  tsc('tsconfig.node.json');
});

test('index.d.cts is index.d.ts (the build copies it)', () => {
  const dir = path.join(installed.app, 'node_modules', 'fklint');
  assert.equal(fs.readFileSync(path.join(dir, 'index.d.cts'), 'utf8'), fs.readFileSync(path.join(dir, 'index.d.ts'), 'utf8'));
});
