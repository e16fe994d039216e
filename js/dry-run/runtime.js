/**
 * Loading the dry run's WebAssembly module (dist/courier_automations.{mjs,wasm}: Embind, the
 * simulator, normalize), shared by every runtime entry of `./dry-run` (js/dry-run/node.js, ...).
 * An entry only says how its runtime finds the .wasm by default (setDefaultSource).
 */
import createCourierModule from '../../dist/courier_automations.mjs';
import { instanceSlot } from '../instance-slot.js';
import { isTrap } from '../trap.js';

/** @typedef {import('../wasm-source.js').InitSource} InitSource */

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

/**
 * A fresh guarded instance: synchronously if `sync` and the runtime allows it (the factory then
 * runs to the end before it returns), else a promise of one.
 * @param {WebAssembly.Module} module @param {boolean} sync
 */
function make(module, sync) {
  let fail;
  const failed = new Promise((_, reject) => { fail = reject; });
  failed.catch(() => {});
  const args = moduleArguments(module, fail, sync);
  const ready = createCourierModule(args);
  if (sync && typeof args.normalize === 'function' && typeof args.dryRun === 'function') {
    ready.catch(() => {});
    return guard(args);
  }
  return Promise.race([ready, failed]).then(guard);
}

const slot = instanceSlot(make, 'courier-automations-wasm: this object belongs to a WebAssembly instance ' +
  'that trapped and was replaced; create it again');

/**
 * The Emscripten module as the API files see it: every exported function (C exports, Embind
 * functions and the methods of Embind classes) turns a trap into an InstanceReplacedError and
 * a replaced instance; everything else (HEAPU8, ...) reads through to the module itself.
 */
function guard(module) {
  const state = { trapped: false, view: null };
  const replace = (cause) => {
    state.trapped = true;
    return slot.replace(state.view, cause);
  };
  const wrap = (fn) => function guarded(...args) {
    if (state.trapped) throw replace(new Error('instance already trapped'));
    try {
      return new.target ? new fn(...args) : fn.apply(this, args);
    } catch (error) {
      if (isTrap(error)) throw replace(error);
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

/** Entries call this once to say where their runtime finds the .wasm. @internal */
export const setDefaultSource = slot.setDefaultSource;

/** Loads the module (once; after a trap, waits for the fresh instance). See instanceSlot. */
export const init = slot.init;

/** @internal the live instance, for the API files and tests */
export const instance = slot.instance;

/** @internal how many trapped instances were replaced so far (tests, diagnostics) */
export const instanceReplacements = slot.replacements;
