'use strict';
// Panic recovery for the CommonJS entry: the same as guard.js (see there).

function internalErrorMessage(error) {
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

function guarded(call, restart) {
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

function reportOrError(outcome) {
  return 'failed' in outcome ? { error: { message: outcome.failed } } : outcome.value;
}

function valueOrThrow(outcome) {
  if ('failed' in outcome) throw new Error(outcome.failed);
  return outcome.value;
}

exports.internalErrorMessage = internalErrorMessage;
exports.guarded = guarded;
exports.reportOrError = reportOrError;
exports.valueOrThrow = valueOrThrow;
