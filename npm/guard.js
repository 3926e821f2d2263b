// Panic recovery, shared by the ESM entries (guard.cjs is the same for CommonJS).
//
// fklint's core is designed never to panic (it is fuzzed). If it ever did, the WebAssembly module would stop:
// the panic hook throws `Error("fklint panicked: ...")`, and a trap (out of memory, stack overflow, abort)
// surfaces as a `WebAssembly.RuntimeError`. Either way the instance's memory may be inconsistent, so a guarded
// call turns the exception into `{ error: { message: "internal error: ..." } }` and replaces the instance with
// a fresh one (same compiled module, new memory) before the next call.

/** The message of an internal error, from whatever the module threw. */
export function internalErrorMessage(error) {
  let detail;
  if (typeof WebAssembly === 'object' && error instanceof WebAssembly.RuntimeError) {
    detail = `WebAssembly trap (${error.message})`;
  } else if (error && typeof error.message === 'string') {
    detail = error.message;
  } else {
    detail = String(error);
  }
  return `internal error: ${detail}. This is a bug in fklint: please report it with the SQL that caused it.`;
}

/**
 * Calls `call()`. On an exception, calls `restart()` (which must give a fresh instance) and returns
 * `{ failed: message }`; otherwise `{ value }`.
 */
export function guarded(call, restart) {
  try {
    return { value: call() };
  } catch (error) {
    let message = internalErrorMessage(error);
    try {
      restart();
    } catch (restartError) {
      message += ` Restarting the WebAssembly module failed too: ${internalErrorMessage(restartError)}`;
    }
    return { failed: message };
  }
}

/** For functions that return a report: the `{ error }` form. */
export function reportOrError(outcome) {
  return 'failed' in outcome ? { error: { message: outcome.failed } } : outcome.value;
}

/** For `rules()` and `version()`, which take no input: an internal error is thrown as an `Error`. */
export function valueOrThrow(outcome) {
  if ('failed' in outcome) throw new Error(outcome.failed);
  return outcome.value;
}
