/**
 * The validate-only WebAssembly module (dist/caw_validate.wasm: no Emscripten glue, plain C
 * exports caw_input, caw_check, caw_oversize, caw_records, caw_arena, caw_codes(_size),
 * caw_payload_limit over its exported `memory`): compiled once, instantiated with generated
 * import stubs, replaced from the kept compiled module when it traps. Runtime entries (js/node.js, ...) only say how
 * their runtime finds the .wasm by default (setDefaultSource).
 */
import { instanceSlot } from '../instance-slot.js';
import { isTrap } from '../trap.js';
import { importObject } from './imports.js';

/**
 * @typedef {import('../wasm-source.js').InitSource} InitSource
 * @typedef {(a?: number, b?: number) => number} Export
 * @typedef {{
 *   caw_input: Export, caw_check: Export, caw_oversize: Export, caw_records: Export, caw_arena: Export,
 *   caw_codes: Export, caw_codes_size: Export, caw_payload_limit: Export, [name: string]: Export,
 * }} Exports
 */

/**
 * One instance of the module: its exports, each guarded so a trap replaces the instance and
 * a trapped instance is never called again; views of its memory; the code list.
 */
export class ValidatorInstance {
  /** @type {Exports} */
  exports = /** @type {any} */ ({});
  /** @type {WebAssembly.Memory} */
  memory = /** @type {any} */ (null);
  trapped = false;
  /** @type {string[]} problem codes by index (caw_codes) */
  codes = [];
  /** the payload limit in bytes (caw_payload_limit) */
  limit = 0;
  /** the input buffer: where, and how large (validate.js owns its use) */
  inputPtr = 0;
  inputSize = 0;
  #u8 = new Uint8Array(0);
  #u32 = new Uint32Array(0);

  /** The memory as bytes; a fresh view after the memory grew (the old buffer is detached). */
  bytes() {
    if (this.#u8.byteLength === 0) this.#refresh();
    return this.#u8;
  }

  /** The memory as little-endian u32 words (wasm is little endian, so is every host it runs on). */
  words() {
    if (this.#u32.byteLength === 0) this.#refresh();
    return this.#u32;
  }

  #refresh() {
    this.#u8 = new Uint8Array(this.memory.buffer);
    this.#u32 = new Uint32Array(this.memory.buffer);
  }

  /** @param {WebAssembly.Instance} made */
  adopt(made) {
    const raw = /** @type {Record<string, any>} */ (made.exports);
    this.memory = raw.memory;
    this.#refresh();
    if (typeof raw._initialize === 'function') raw._initialize();
    const codes = raw.caw_codes() >>> 0;
    this.codes = new TextDecoder().decode(this.bytes().subarray(codes, codes + (raw.caw_codes_size() >>> 0))).split('\n');
    this.limit = raw.caw_payload_limit() >>> 0;
    for (const [name, value] of Object.entries(raw)) {
      if (typeof value === 'function') this.exports[name] = this.#guard(value);
    }
    return this;
  }

  #replace(/** @type {unknown} */ cause) {
    this.trapped = true;
    return slot.replace(this, cause);
  }

  /** Every export takes at most two arguments: a fixed arity keeps the guard cheap. */
  #guard(/** @type {Function} */ fn) {
    return (/** @type {number} */ a, /** @type {number} */ b) => {
      if (this.trapped) throw this.#replace(new Error('instance already trapped'));
      try {
        return fn(a, b);
      } catch (error) {
        if (isTrap(error)) throw this.#replace(error);
        throw error;
      }
    };
  }
}

/** A fresh instance, synchronously; null where the runtime forbids it (Chromium's main thread). */
function instantiateSync(/** @type {WebAssembly.Module} */ module) {
  const fresh = new ValidatorInstance();
  try {
    return fresh.adopt(new WebAssembly.Instance(module, importObject(module, () => fresh.bytes())));
  } catch {
    return null;  // not allowed here (or broken: the asynchronous attempt then says why)
  }
}

async function instantiate(/** @type {WebAssembly.Module} */ module) {
  const fresh = new ValidatorInstance();
  return fresh.adopt(await WebAssembly.instantiate(module, importObject(module, () => fresh.bytes())));
}

/**
 * A fresh instance: synchronously wherever the runtime allows it (Node, Deno, workers; not
 * Chromium's main thread for modules over 4 KB), on the first init() too: no round trip through
 * the event loop between compiling and the first call. Else a promise of one.
 */
function make(/** @type {WebAssembly.Module} */ module) {
  return instantiateSync(module) || instantiate(module);
}

const slot = instanceSlot(make, 'courier-automations-wasm: this WebAssembly instance trapped and was ' +
  'replaced; call the API again, not the old instance');

/** Entries call this once to say where their runtime finds the .wasm. @internal */
export const setDefaultSource = slot.setDefaultSource;

/** Loads the module (once; after a trap, waits for the fresh instance). See instanceSlot. */
export const init = slot.init;

/** @internal the live instance, for the API files and tests */
export const instance = slot.instance;

/** @internal how many trapped instances were replaced so far (tests, diagnostics) */
export const instanceReplacements = slot.replacements;
