// The native CLI (crates/fklint-cli), compiled to WebAssembly for WASI (dist/wasi/fklint.wasm), run by Node.js:
// `npx fklint` is that very program, so its commands, flags, fklint.toml lookup, file order, output formats,
// exit codes and `fix --write` are the native CLI's by construction (npm/test/npx-parity.test.mjs compares them
// byte for byte). The host's `/` is the program's `/` and `PWD` carries the working directory, which the CLI
// enters first: relative paths and the file names in findings are what the user typed.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const wasmFile = fileURLToPath(new URL('./dist/wasi/fklint.wasm', import.meta.url));

/** Exit code of a Rust panic in the native CLI; the wasm build aborts instead, which we report the same way. */
const EXIT_PANIC = 101;

let wasiClass = null;
let compiled = null;

/**
 * Node.js prints "ExperimentalWarning: WASI is an experimental feature" when `node:wasi` loads. The feature is
 * what the CLI runs on, and the warning would land in every user's terminal and CI log: drop that warning
 * alone (every other warning still shows).
 */
function loadWasi() {
  if (wasiClass) return wasiClass;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning, ...rest) {
    const type = typeof rest[0] === 'string' ? rest[0] : rest[0] && rest[0].type;
    const text = String(warning && warning.message !== undefined ? warning.message : warning);
    if (type === 'ExperimentalWarning' && /\bWASI\b/.test(text)) return;
    return emitWarning.call(process, warning, ...rest);
  };
  try {
    wasiClass = require('node:wasi').WASI;
  } finally {
    process.emitWarning = emitWarning;
  }
  return wasiClass;
}

/** The compiled module, once per process (the LSP runs the CLI many times). */
function compiledModule() {
  if (!compiled) compiled = new WebAssembly.Module(fs.readFileSync(wasmFile));
  return compiled;
}

/**
 * How the host's file system appears to the program. On POSIX the root is the root. On Windows the drive of the
 * working directory becomes `/` (paths on other drives cannot be named; use relative paths).
 */
function fileSystemView(cwd) {
  if (process.platform !== 'win32') return { root: '/', pwd: cwd };
  const root = path.parse(cwd).root;
  return { root, pwd: '/' + path.relative(root, cwd).split(path.sep).join('/') };
}

/** The program's name for a host path (on POSIX the same path). */
export function guestPath(hostPath) {
  if (process.platform !== 'win32') return hostPath;
  const absolute = path.resolve(hostPath);
  return '/' + path.relative(path.parse(absolute).root, absolute).split(path.sep).join('/');
}

/** The host path of a path the program printed (absolute paths only; on POSIX the same path). */
export function hostPath(guest, cwd = process.cwd()) {
  if (process.platform !== 'win32') return guest;
  return path.join(path.parse(cwd).root, ...guest.split('/'));
}

/**
 * Runs `fklint ...args` synchronously and returns its exit code. `stdin`, `stdout`, `stderr` are file
 * descriptors (default: this process's 0, 1, 2); `cwd` the working directory (default: this process's).
 * For one run per process (the `fklint` bin): the program's memory is freed only when the garbage collector
 * gets to it, so a process that runs the CLI many times uses runFklintInWorker instead.
 */
export function runFklint(args, { cwd = process.cwd(), env = process.env, stdin = 0, stdout = 1, stderr = 2, module } = {}) {
  const WASI = loadWasi();
  const view = fileSystemView(cwd);
  const wasi = new WASI({
    version: 'preview1',
    args: ['fklint', ...args],
    env: { ...env, PWD: view.pwd },
    preopens: { '/': view.root },
    stdin,
    stdout,
    stderr,
    returnOnExit: true,
  });
  const instance = new WebAssembly.Instance(module || compiledModule(), wasi.getImportObject());
  try {
    return wasi.start(instance);
  } catch (error) {
    // A trap: the Rust panic message (if any) is already on stderr.
    fs.writeSync(stderr, `fklint: internal error: ${error && error.message ? error.message : error}. This is a bug in fklint: please report it with the input that caused it.\n`);
    return EXIT_PANIC;
  }
}

/**
 * Runs `fklint ...args` in a worker thread, which is torn down afterwards with the program's memory: a
 * language server or a test can run the CLI a thousand times without holding on to a thousand memories (V8
 * would abort long before its collector noticed them). The module is compiled once, in this thread. Same
 * options as runFklint; resolves to the exit code.
 */
export function runFklintInWorker(args, options = {}) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./cli-worker.js', import.meta.url), {
      workerData: { args, options: { ...options, env: { ...(options.env || process.env) } }, module: compiledModule() },
      stdout: false,
      stderr: false,
    });
    let code = null;
    worker.once('message', (exitCode) => { code = exitCode; });
    worker.once('error', reject);
    worker.once('exit', () => (code === null ? reject(new Error('the fklint worker stopped without an exit code')) : resolve(code)));
  });
}
