// Shared by the distribution tests (scripts/test-dist.sh runs them): where the built artefacts are, a PATH
// without any Rust toolchain, and an async process runner (the local npm registry of the pre-commit test must
// keep serving while a child process runs).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

function required(name) {
  const value = process.env[name];
  if (!value || !fs.existsSync(value)) throw new Error(`${name} is not set or missing (${value}): run scripts/test-dist.sh`);
  return value;
}

export const artefacts = {
  get tarball() { return required('FKLINT_NPM_TARBALL'); },
  get wheel() { return required('FKLINT_WHEEL'); },
  get vsix() { return required('FKLINT_VSIX'); },
  get native() { return required('FKLINT_CLI'); },
  /** The virtualenv with pre-commit (and PyYAML, which it needs). */
  get tools() { return required('FKLINT_TOOLS_VENV'); },
};

const RUST_TOOLS = ['cargo', 'rustc', 'rustup'];
let noRust = null;

/**
 * PATH without cargo, rustc or rustup: folders that hold none are kept; a folder that holds one (e.g.
 * ~/.cargo/bin, or /usr/bin with Debian's rustc) is replaced by a folder of links to everything else in it.
 */
export function pathWithoutRust() {
  if (noRust) return noRust;
  const shadowRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'fklint-no-rust-'));
  const dirs = (process.env.PATH || '').split(path.delimiter).filter(Boolean).map((dir, i) => {
    if (!RUST_TOOLS.some((tool) => fs.existsSync(path.join(dir, tool)))) return dir;
    const shadow = path.join(shadowRoot, String(i));
    fs.mkdirSync(shadow);
    for (const name of fs.readdirSync(dir)) {
      if (!RUST_TOOLS.includes(name) && !name.startsWith('cargo-')) fs.symlinkSync(path.join(dir, name), path.join(shadow, name));
    }
    return shadow;
  });
  noRust = dirs.join(path.delimiter);
  return noRust;
}

/** Runs a command; resolves to `{ code, stdout, stderr }` (strings). */
export function run(command, args, { cwd, env = process.env, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.stdin.on('error', () => {}); // a child that exits without reading its input
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(input || '');
  });
}

/** A new temporary folder holding a copy of examples/NAME at `into` (relative). */
export function projectWith(example, into = `examples/${example}`) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fklint-dist-'));
  fs.cpSync(path.join(repo, 'examples', example), path.join(dir, into), { recursive: true });
  return dir;
}

export function remove(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
}
