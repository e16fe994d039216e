/**
 * Errors of the wasm-backed API. The client's errors live in js/client/errors.js.
 */

/** A payload (or scenario) the validator refused; `report` says everything that is wrong. */
export class ValidationError extends Error {
  /** @param {import('./index.js').Report} report @param {string} [message] */
  constructor(report, message) {
    const first = report.errors[0];
    super(message ?? (first ? `Invalid payload: ${first.message} at ${first.path || '/'}` +
      (report.errors.length > 1 ? ` (and ${report.errors.length - 1} more)` : '') : 'Invalid payload'));
    this.name = 'ValidationError';
    this.report = report;
  }
}

/** The wasm module could not be loaded, or an API call came before init(). */
export class InitError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'InitError';
  }
}

/**
 * The WebAssembly instance trapped during this call (out of memory, an abort, a wasm stack
 * overflow): the call did not complete. The instance was thrown away and, when `replaced` is
 * true, a fresh one of the same compiled module is already in place (retry the call); when
 * false, the fresh one is being created (await init() first). Objects of the old instance
 * (Simulator) are gone: create them again. `cause` is the original RuntimeError.
 */
export class InstanceReplacedError extends InitError {
  constructor(message, { cause, replaced } = {}) {
    super(message, { cause });
    this.name = 'InstanceReplacedError';
    this.replaced = !!replaced;
  }
}
