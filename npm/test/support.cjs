'use strict';
// Test support: packs the package as npm would publish it and installs the tarball into a fresh folder
// outside the repository, so that the tests import exactly what users get, through the `exports` map.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const packageDir = path.resolve(__dirname, '..');

function npm(args, cwd) {
  return execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
}

/** `npm pack`, then `npm install <tarball>` (offline: the package has no dependencies) in a new temp folder. */
function packAndInstall(label) {
  if (!fs.existsSync(path.join(packageDir, 'dist', 'node', 'fklint_wasm_bg.wasm'))) {
    throw new Error('npm/dist is missing: run scripts/build-wasm.sh first');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fklint-npm-${label}-`));
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], packageDir));
  const tarball = path.join(dir, packed.filename);
  const app = path.join(dir, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, version: '0.0.0' }));
  npm(['install', '--offline', '--no-package-lock', '--ignore-scripts', tarball], app);
  return { dir, app, tarball, files: packed.files.map((f) => f.path).sort(), version: packed.version };
}

function cleanup(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
}

module.exports = { packageDir, packAndInstall, cleanup };
