// fklint for bundlers with WebAssembly ESM integration (webpack `experiments.asyncWebAssembly`,
// vite-plugin-wasm, ...): a wrapper over the `--target bundler` build in dist/bundler/, which the bundler
// instantiates on import, so no init is needed. Most projects should use the default entry (`fklint`, the web
// build), which every modern bundler handles without plugins.
//
// One difference: this build cannot make a fresh instance of the module after an internal error (the bundler
// owns the instantiation), so after one, every call returns `{ error }` until the page is reloaded. The default
// entry restarts the module instead.
//
// Two modules with the same exports: the SQL-only one, imported here, and the one with every front end (Python,
// TypeScript/Drizzle, Prisma, Rails, Laravel, and sqlparser), a separate chunk the bundler loads on `await prepare(sources,
// options)` (when a source needs it) or `await initFull()`; a call that needs it before then returns `{ error }`.
import * as wasm from './dist/bundler/fklint_wasm.js';
import { guarded, reportOrError, valueOrThrow } from './guard.js';

let broken = null;
/** The module with every front end, once loaded. */
let full = null;

function restart() {
  broken = 'internal error: an earlier call failed and this build (fklint/bundler) cannot restart the WebAssembly module; reload the page, or use the default entry `fklint`, which restarts it.';
}

function call(run) {
  if (broken) return { failed: broken };
  return guarded(run, restart);
}

/** Nothing to do: the bundler instantiates the module on import. */
export default async function init() {}

/** Nothing to do: the bundler instantiates the module on import. */
export function initSync() {}

/** Loads the module with every front end (the bundler's chunk for it). */
export async function initFull() {
  full ??= await import('./dist/bundler/fklint_full.js');
}

/** Loads the module with every front end when one of these sources needs it. */
export async function prepare(sources, options) {
  if (needsFull(sources, options)) await initFull();
}

function needsFull(sources, options) {
  return call(() => wasm.needsFullModule(sources, options)).value === true;
}

const NOT_PREPARED =
  'these sources need the fklint module with every front end (a source in Python, TypeScript, Prisma, Ruby or PHP, or a statement only sqlparser judges), which is not loaded: call `await prepare(sources, options)` (or `await initFull()`) first';

/** The SQL module answers, unless it says the sources need the module with every front end. */
function answer(sources, options, name) {
  const outcome = call(() => wasm[name](sources, options));
  if (outcome.value?.needsFullModule !== true) return reportOrError(outcome);
  if (!full) return { error: { message: NOT_PREPARED } };
  return reportOrError(call(() => full[name](sources, options)));
}

/** Checks the sources in order: the CLI's JSON report, or `{ error: { message } }`. */
export function check(sources, options) {
  return answer(sources, options, 'check');
}

/** The replayed schema (tables and foreign keys), or `{ error: { message } }`. */
export function schema(sources, options) {
  return answer(sources, options, 'schema');
}

/** How a project's migration tool runs its files on "up" (tool, files in order, skipped files), or `{ error }`. */
export function layout(files, options) {
  return reportOrError(call(() => wasm.layout(files, options)));
}

/** Every rule: code, name, severity, summary, docs (Markdown). */
export function rules() {
  return valueOrThrow(call(() => wasm.rules()));
}

/** fklint's version. */
export function version() {
  return valueOrThrow(call(() => wasm.version()));
}

/** Not part of the API: panics inside the module, to test the error path above. */
export function __fklint_panic_for_tests() {
  return reportOrError(call(() => wasm.__fklint_panic_for_tests()));
}
