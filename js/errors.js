/**
 * Errors of the wasm-backed API. The client's errors live in js/client/errors.js.
 *
 * Each published entry is one bundled file, and the wasm-free client (`./client`) cannot import
 * the main entry's bundle, so it carries its own copy of ValidationError. `instanceof` still
 * works across copies: every class is branded with a registered symbol, and its
 * Symbol.hasInstance looks for the brand (and falls back to the prototype chain for subclasses).
 */

/** @param {Function} cls @param {string} name */
function brand(cls, name) {
  const mark = Symbol.for(`courier-automations-wasm.${name}`);
  Object.defineProperty(cls.prototype, mark, { value: true });
  Object.defineProperty(cls, Symbol.hasInstance, {
    value(/** @type {any} */ value) {
      if (this !== cls) return Function.prototype[Symbol.hasInstance].call(this, value);
      return value !== null && typeof value === 'object' && value[mark] === true;
    },
  });
}

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
brand(ValidationError, 'ValidationError');

/** A wasm module could not be loaded, or an API call came before init(). */
export class InitError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'InitError';
  }
}
brand(InitError, 'InitError');

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
brand(InstanceReplacedError, 'InstanceReplacedError');
