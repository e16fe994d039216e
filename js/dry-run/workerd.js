/**
 * Cloudflare Workers entry of `./dry-run`: the dry run's .wasm imported as a module.
 * validate, version and the errors are the main entry's own (imported from ../workerd.js, which the
 * bundle keeps as an import of the main entry's bundle): one validator, whichever entry loads it.
 */
import wasmModule from '../../dist/courier_automations.wasm';
import { init as initValidator, validate } from '../workerd.js';
import { initBoth } from './init.js';
import { setDefaultSource } from './runtime.js';
import { useValidator } from './normalize.js';

setDefaultSource(async () => ({ module: wasmModule }));
useValidator(validate);

/** @param {import('./init.js').DryRunInitSource} [source] */
export const init = (source) => initBoth(initValidator, source);
export { validate, version, ValidationError, InitError, InstanceReplacedError } from '../workerd.js';
export * from './index.js';
