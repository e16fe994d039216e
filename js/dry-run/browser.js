/**
 * Browser and Deno entry of `./dry-run`: streams the dry run's .wasm from import.meta.url.
 * validate, version and the errors are the main entry's own (imported from ../browser.js, which the
 * bundle keeps as an import of the main entry's bundle): one validator, whichever entry loads it.
 */
import { init as initValidator, validate } from '../browser.js';
import { initBoth } from './init.js';
import { setDefaultSource } from './runtime.js';
import { useValidator } from './normalize.js';

setDefaultSource(async () => ({ url: new URL('../../dist/courier_automations.wasm', import.meta.url) }));
useValidator(validate);

/** @param {import('./init.js').DryRunInitSource} [source] */
export const init = (source) => initBoth(initValidator, source);
export { validate, version, ValidationError, InitError, InstanceReplacedError } from '../browser.js';
export * from './index.js';
