/**
 * The package's API from its sources (js/dry-run/node.js: the dry run plus the main entry's
 * validate), together with the loaders' internals, for the tests that need both: the bundles
 * in dist/ carry their own copies of the loaders, so internals only match the sources' API.
 */
import { instance as validatorInstance, instanceReplacements as validatorReplacements } from '../../../js/validate/loader.js';
import { instance as simulatorInstance, instanceReplacements as simulatorReplacements } from '../../../js/dry-run/runtime.js';

export * from '../../../js/dry-run/node.js';
export { validatorInstance, validatorReplacements, simulatorInstance, simulatorReplacements };

/** Trapped instances replaced so far, in either module. */
export const instanceReplacements = () => validatorReplacements() + simulatorReplacements();
