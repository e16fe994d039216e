/**
 * Where a loader keeps its one live WebAssembly instance (the validate-only module's and the
 * dry run's): compiled once on init(), the compiled module kept, and a trapped instance
 * replaced from it (js/trap.js says what a trap is) — synchronously where the runtime allows
 * it, else on the next init(). The loaders differ only in how they make an instance.
 * A closure rather than a class, so the minifier shortens every name inside.
 */
import { InitError, InstanceReplacedError } from './errors.js';
import { describeTrap } from './trap.js';
import { compileSource, hasSource } from './wasm-source.js';

/** @typedef {import('./wasm-source.js').InitSource} InitSource */

/**
 * @template T
 * @param {(module: WebAssembly.Module, sync: boolean) => T | Promise<T>} make a fresh instance;
 *   with `sync`, made synchronously where the runtime allows it (Node, Deno, workers; not
 *   Chromium's main thread for larger modules), else a promise of it
 * @param {string} stale what a call through an instance that was already replaced is told
 */
export function instanceSlot(make, stale) {
  /** @type {T | null} the live instance, once init() has resolved */
  let live = null;
  /** @type {Promise<void> | null} */
  let pending = null;
  /** @type {WebAssembly.Module | null} the compiled module, kept to replace a trapped instance */
  let compiled = null;
  /** How many instances have been replaced after a trap (tests, diagnostics). */
  let replacements = 0;
  /** @type {() => Promise<InitSource>} */
  let defaultSource = async () => {
    throw new InitError('No default way to load the .wasm here: call init({ module | bytes | url })');
  };

  return {
    /** Entries call this once to say how their runtime finds the .wasm. @param {() => Promise<InitSource>} fn */
    setDefaultSource(fn) {
      defaultSource = fn;
    },

    /**
     * Loads the module. Safe to call many times; later calls reuse the first load. After a trap
     * replaced the instance asynchronously, this waits for the fresh one.
     * @param {InitSource} [source] how to find the .wasm; each runtime entry has a default
     * @returns {Promise<void>}
     */
    init(source) {
      if (live) return Promise.resolve();
      if (!pending) {
        pending = (async () => {
          // After a trap, the kept module; otherwise (first load, or a failed one) the source's.
          const module = compiled ?? await compileSource(hasSource(source) ? /** @type {InitSource} */ (source) : await defaultSource());
          const made = await make(module, false);
          compiled = module;  // kept only once it has worked
          live = made;
        })().catch((cause) => {
          pending = null;
          throw cause instanceof InitError ? cause
            : new InitError(`Could not load courier-automations-wasm: ${cause?.message ?? cause}`, { cause });
        });
      }
      return pending;
    },

    /** @returns {T} the live instance */
    instance() {
      if (!live) {
        throw new InitError(pending && replacements
          ? 'courier-automations-wasm: a fresh WebAssembly instance is being created after a trap: await init() first'
          : 'courier-automations-wasm is not initialized: await init() first');
      }
      return live;
    },

    /** @returns {number} how many trapped instances were replaced so far */
    replacements: () => replacements,

    /**
     * Throws the trapped instance `dead` away (its caller has marked it trapped) and says so.
     * @param {T} dead @param {unknown} cause
     * @returns {InstanceReplacedError} for the caller to throw
     */
    replace(dead, cause) {
      if (live !== dead) return new InstanceReplacedError(stale, { cause, replaced: true });
      live = null;
      pending = null;
      replacements += 1;
      const what = describeTrap(cause);
      if (compiled) {
        const made = make(compiled, true);
        if (!(made instanceof Promise)) {
          live = made;
          return new InstanceReplacedError(`courier-automations-wasm: the WebAssembly instance trapped (${what}); ` +
            'it was replaced by a fresh instance of the same module. This call did not complete; retry it.',
          { cause, replaced: true });
        }
        pending = made.then((fresh) => { live = fresh; }, (error) => {
          pending = null;
          throw new InitError(`Could not re-instantiate courier-automations-wasm: ${error?.message ?? error}`, { cause: error });
        });
        pending.catch(() => {});
      }
      return new InstanceReplacedError(`courier-automations-wasm: the WebAssembly instance trapped (${what}); ` +
        'a fresh instance is being created: await init() before the next call.', { cause, replaced: false });
    },
  };
}
