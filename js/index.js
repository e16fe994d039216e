/**
 * The main entry's API, identical in every runtime: loading the validate-only module,
 * validate (also as a Standard Schema), the version and the errors. Nothing else (the dry run is `./dry-run`, the client
 * `./client`). Runtime entries (node.js, ...) re-export it after telling the loader where
 * their .wasm is.
 */
export { init } from './validate/loader.js';
export { validate } from './validate/validate.js';
export { standardSchema, invokeBodySchema } from './validate/standard-schema.js';
export { version } from './version.js';
export { ValidationError, InitError, InstanceReplacedError } from './errors.js';
