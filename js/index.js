/**
 * The public API, identical in every runtime. Runtime entries (node.js, ...) re-export it
 * after telling js/runtime.js where their .wasm is.
 */
export { init } from './runtime.js';
export { normalize, version } from './normalize.js';
export { validate } from './validate.js';
export { ValidationError, InitError } from './errors.js';
