/**
 * Loading the dry run's WebAssembly module (dist/courier_automations.{mjs,wasm}: Embind, the
 * simulator, normalize), shared by every runtime entry of `./dry-run` (js/dry-run/node.js, ...).
 * An entry only says how its runtime finds the .wasm by default (setDefaultSource).
 */
import createCourierModule from '../../dist/courier_automations.mjs';
import { InitError, InstanceReplacedError } from '../errors.js';
import { describeTrap, isTrap } from '../trap.js';
import { compileSource, hasSource } from '../wasm-source.js';

/** @type {any} the guarded view of the Emscripten module (see guard()), once init() has resolved */
let wasm = null;
/** @type {Promise<void> | null} */
let pending = null;
/** @type {WebAssembly.Module | null} the compiled module, kept to replace a trapped instance */
let compiled = null;
/** How many instances have been replaced after a trap (for tests and diagnostics). */
let replacements = 0;
/** @type {() => Promise<InitSource>} */
let defaultSource = async () => {
  throw new InitError('No default way to load the .wasm here: call init({ module | bytes | url })');
};

/** @typedef {import('../wasm-source.js').InitSource} InitSource */

/** Entries call this once to say where their runtime finds the .wasm. @internal */
export function setDefaultSource(fn) {
  defaultSource = fn;
}

/**
 * The arguments for the Emscripten factory over an already compiled module. With `sync`, the
 * instance is made synchronously when the runtime allows it (Node, Deno, workers; not
 * Chromium's main thread for modules over 4 KB), so the factory finishes before it returns.
 * `fail` rejects when our own instantiation fails (Emscripten never hears of it).
 */
function moduleArguments(module, fail, sync) {
  return {
    instantiateWasm(imports, receive) {
      if (sync) {
        let made = null;
        try {
          made = new WebAssembly.Instance(module, imports);
        } catch {
          made = null;  // not allowed here: asynchronously below
        }
        if (made) {
          receive(made, module);
          return made.exports;
        }
      }
      // .catch: a failure inside receive (e.g. a module without the expected exports) rejects too.
      WebAssembly.instantiate(module, imports).then((made) => receive(made, module)).catch(fail);
      return {};
    },
    locateFile: (path) => path,
  };
}

/** Replaces the trapped instance: synchronously when possible, else on the next init(). */
function replaceInstance(dead, cause) {
  dead.trapped = true;
  if (wasm !== dead.view) {
    return new InstanceReplacedError('courier-automations-wasm: this object belongs to a WebAssembly instance ' +
      'that trapped and was replaced; create it again', { cause, replaced: true });
  }
  wasm = null;
  pending = null;
  replacements += 1;
  const what = describeTrap(cause);
  if (compiled) {
    let fail;
    const failed = new Promise((_, reject) => { fail = reject; });
    failed.catch(() => {});
    const args = moduleArguments(compiled, fail, true);
    const ready = createCourierModule(args);
    if (typeof args.normalize === 'function' && typeof args.dryRun === 'function') {
      // The factory ran to the end synchronously: the fresh instance is usable right now.
      wasm = guard(args);
      ready.catch(() => {});
      return new InstanceReplacedError(`courier-automations-wasm: the WebAssembly instance trapped (${what}); ` +
        'it was replaced by a fresh instance of the same module. This call did not complete; retry it.',
      { cause, replaced: true });
    }
    pending = Promise.race([ready, failed]).then((module) => { wasm = guard(module); }).catch((error) => {
      pending = null;
      throw new InitError(`Could not re-instantiate courier-automations-wasm: ${error?.message ?? error}`, { cause: error });
    });
    pending.catch(() => {});
  }
  return new InstanceReplacedError(`courier-automations-wasm: the WebAssembly instance trapped (${what}); ` +
    'a fresh instance is being created: await init() before the next call.', { cause, replaced: false });
}

/**
 * The Emscripten module as the API files see it: every exported function (C exports, Embind
 * functions and the methods of Embind classes) turns a trap into an InstanceReplacedError and
 * a replaced instance; everything else (HEAPU8, ...) reads through to the module itself.
 */
function guard(module) {
  const state = { trapped: false, view: null };
  const wrap = (fn) => function guarded(...args) {
    if (state.trapped) throw replaceInstance(state, new Error('instance already trapped'));
    try {
      return new.target ? new fn(...args) : fn.apply(this, args);
    } catch (error) {
      if (isTrap(error)) throw replaceInstance(state, error);
      throw error;
    }
  };
  const view = Object.create(module);
  for (const key of Object.keys(module)) {
    const value = module[key];
    if (typeof value !== 'function' || key.startsWith('HEAP')) continue;
    const proto = value.prototype;
    if (proto && Object.getOwnPropertyNames(proto).length > 1) {
      // An Embind class: guard its methods in place (this instance owns the class).
      for (const name of Object.getOwnPropertyNames(proto)) {
        const d = Object.getOwnPropertyDescriptor(proto, name);
        if (name !== 'constructor' && d && typeof d.value === 'function') proto[name] = wrap(d.value);
      }
      // delete() on an object of a trapped instance frees nothing: that memory is gone anyway.
      const free = proto.delete;
      if (typeof free === 'function') {
        proto.delete = function deleteUnlessTrapped() {
          if (!state.trapped) free.call(this);
        };
      }
    }
    view[key] = wrap(value);
  }
  state.view = view;
  return view;
}

/**
 * Loads the WebAssembly module. Safe to call many times; later calls reuse the first load.
 * After a trap replaced the instance asynchronously, this waits for the fresh one.
 * @param {InitSource} [source] how to find the .wasm; each runtime entry has a default
 * @returns {Promise<void>}
 */
export function init(source) {
  if (wasm) return Promise.resolve();
  if (!pending) {
    pending = (async () => {
      // After a trap, the kept module; otherwise (first load, or a failed one) the source's.
      const compiledModule = compiled ?? await compileSource(hasSource(source) ? source : await defaultSource());
      let fail;
      const failed = new Promise((_, reject) => { fail = reject; });
      const module = await Promise.race([createCourierModule(moduleArguments(compiledModule, fail, false)), failed]);
      compiled = compiledModule;  // kept only once it has worked
      wasm = guard(module);
    })().catch((cause) => {
      pending = null;
      throw cause instanceof InitError ? cause : new InitError(`Could not load courier-automations-wasm: ${cause?.message ?? cause}`, { cause });
    });
  }
  return pending;
}

/** @internal the loaded module, for the other API files */
export function instance() {
  if (!wasm) {
    throw new InitError(pending && replacements
      ? 'courier-automations-wasm: a fresh WebAssembly instance is being created after a trap: await init() first'
      : 'courier-automations-wasm is not initialized: await init() first');
  }
  return wasm;
}

/** @internal how many trapped instances were replaced so far (tests, diagnostics) */
export function instanceReplacements() {
  return replacements;
}
