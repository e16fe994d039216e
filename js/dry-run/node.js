/**
 * Node.js entry of `./dry-run`: reads the dry run's .wasm next to the package (the same path
 * from js/dry-run/ and from the bundle in dist/dry-run/).
 * validate, version and the errors are the main entry's own (imported from ../node.js, which the
 * bundle keeps as an import of the main entry's bundle): one validator, whichever entry loads it.
 */
import { readFile } from 'node:fs/promises';
import { init as initValidator, validate } from '../node.js';
import { initBoth } from './init.js';
import { setDefaultSource } from './runtime.js';
import { useValidator } from './normalize.js';

setDefaultSource(async () => ({ bytes: await readFile(new URL('../../dist/courier_automations.wasm', import.meta.url)) }));
useValidator(validate);

/** @param {import('./init.js').DryRunInitSource} [source] */
export const init = (source) => initBoth(initValidator, source);
export { validate, version, ValidationError, InitError, InstanceReplacedError } from '../node.js';
export * from './index.js';
