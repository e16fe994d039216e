/**
 * What counts as a trap. A trap (WebAssembly.RuntimeError: unreachable, out of memory, an
 * abort) or a wasm stack overflow leaves an instance in an unknown state: its stack pointer,
 * heap and globals may be half-updated. Such an instance is never called again; both loaders
 * replace it from the compiled module they kept.
 * @param {unknown} error
 * @returns {boolean}
 */
export function isTrap(error) {
  return error instanceof WebAssembly.RuntimeError ||
    (error instanceof RangeError && /call stack/i.test(String(error.message)));
}

/** @param {unknown} cause @returns {string} how a trap is named in InstanceReplacedError messages */
export function describeTrap(cause) {
  const c = /** @type {any} */ (cause);
  return c?.message ? `${c.name}: ${c.message}` : String(cause);
}
