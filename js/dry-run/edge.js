/**
 * Vercel Edge entry of `./dry-run`: the dry run's .wasm imported with `?module` (see js/edge.js).
 * validate, version and the errors are the main entry's own (imported from ../edge.js, which the
 * bundle keeps as an import of the main entry's bundle): one validator, whichever entry loads it.
 */
import wasmModule from '../../dist/courier_automations.wasm?module';
import { init as initValidator, validate } from '../edge.js';
import { initBoth } from './init.js';
import { setDefaultSource } from './runtime.js';
import { useValidator } from './normalize.js';

setDefaultSource(async () => ({ module: wasmModule }));
useValidator(validate);

/** @param {import('./init.js').DryRunInitSource} [source] */
export const init = (source) => initBoth(initValidator, source);
export { validate, version, ValidationError, InitError, InstanceReplacedError } from '../edge.js';
export * from './index.js';
