/**
 * init() of `./dry-run`: loads the dry run's module and the main entry's validate-only module,
 * so that the `validate` this entry re-exports works once it has resolved.
 */
import { init as initDryRun } from './runtime.js';

/**
 * @typedef {import('../wasm-source.js').InitSource} InitSource
 * @typedef {InitSource & { validate?: InitSource }} DryRunInitSource where the dry run's .wasm
 *   is, and (`validate`) where the validate-only one is; each defaults to the runtime entry's way
 */

/**
 * @param {(source?: InitSource) => Promise<void>} initValidator the main entry's init, from the same runtime's entry
 * @param {DryRunInitSource} [source]
 * @returns {Promise<void>}
 */
export function initBoth(initValidator, source = {}) {
  const { validate: validatorSource, ...own } = source;
  return Promise.all([initValidator(validatorSource), initDryRun(own)]).then(() => {});
}
