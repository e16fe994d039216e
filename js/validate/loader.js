/**
 * The validate-only WebAssembly module (dist/caw_validate.wasm: no Emscripten glue, plain C
 * exports caw_input, caw_check, caw_oversize, caw_records, caw_arena, caw_codes(_size),
 * caw_payload_limit over its exported `memory`): compiled once, instantiated with generated
 * import stubs, replaced from the kept compiled module when it traps. Runtime entries (js/node.js, ...) only say how
 * their runtime finds the .wasm by default (setDefaultSource).
 */
import { InitError, InstanceReplacedError } from '../errors.js';
import { describeTrap, isTrap } from '../trap.js';
import { compileSource, hasSource } from '../wasm-source.js';
import { importObject } from './imports.js';

/**
 * @typedef {import('../wasm-source.js').InitSource} InitSource
 * @typedef {(a?: number, b?: number) => number} Export
 * @typedef {{
 *   caw_input: Export, caw_check: Export, caw_oversize: Export, caw_records: Export, caw_arena: Export,
 *   caw_codes: Export, caw_codes_size: Export, caw_payload_limit: Export, [name: string]: Export,
 * }} Exports
 */

/** @type {ValidatorInstance | null} the live instance, once init() has resolved */
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

  /** Every export takes at most two arguments: a fixed arity keeps the guard cheap. */
  #guard(/** @type {Function} */ fn) {
    return (/** @type {number} */ a, /** @type {number} */ b) => {
      if (this.trapped) throw replaceInstance(this, new Error('instance already trapped'));
      try {
        return fn(a, b);
      } catch (error) {
        if (isTrap(error)) throw replaceInstance(this, error);
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
 * Throws the trapped instance away and says so: replaced synchronously when the runtime allows
 * it, else on the next init().
 * @param {ValidatorInstance} dead @param {unknown} cause
 */
function replaceInstance(dead, cause) {
  dead.trapped = true;
  if (live !== dead) {
    return new InstanceReplacedError('courier-automations-wasm: this WebAssembly instance trapped and was ' +
      'replaced; call the API again, not the old instance', { cause, replaced: true });
  }
  live = null;
  pending = null;
  replacements += 1;
  const what = describeTrap(cause);
  const fresh = compiled && instantiateSync(compiled);
  if (fresh) {
    live = fresh;
    return new InstanceReplacedError(`courier-automations-wasm: the WebAssembly instance trapped (${what}); ` +
      'it was replaced by a fresh instance of the same module. This call did not complete; retry it.',
    { cause, replaced: true });
  }
  if (compiled) {
    pending = instantiate(compiled).then((made) => { live = made; }, (error) => {
      pending = null;
      throw new InitError(`Could not re-instantiate courier-automations-wasm: ${error?.message ?? error}`, { cause: error });
    });
    pending.catch(() => {});
  }
  return new InstanceReplacedError(`courier-automations-wasm: the WebAssembly instance trapped (${what}); ` +
    'a fresh instance is being created: await init() before the next call.', { cause, replaced: false });
}

/** Entries call this once to say where their runtime finds the .wasm. @internal */
export function setDefaultSource(/** @type {() => Promise<InitSource>} */ fn) {
  defaultSource = fn;
}

/**
 * Loads the validate-only WebAssembly module. Safe to call many times; later calls reuse the
 * first load. After a trap replaced the instance asynchronously, this waits for the fresh one.
 * @param {InitSource} [source] how to find the .wasm; each runtime entry has a default
 * @returns {Promise<void>}
 */
export function init(source) {
  if (live) return Promise.resolve();
  if (!pending) {
    pending = (async () => {
      // After a trap, the kept module; otherwise (first load, or a failed one) the source's.
      const module = compiled ?? await compileSource(hasSource(source) ? /** @type {InitSource} */ (source) : await defaultSource());
      const made = await instantiate(module);
      compiled = module;  // kept only once it has worked
      live = made;
    })().catch((cause) => {
      pending = null;
      throw cause instanceof InitError ? cause
        : new InitError(`Could not load courier-automations-wasm: ${cause?.message ?? cause}`, { cause });
    });
  }
  return pending;
}

/** @internal the live instance, for validate.js and tests */
export function instance() {
  if (!live) {
    throw new InitError(pending && replacements
      ? 'courier-automations-wasm: a fresh WebAssembly instance is being created after a trap: await init() first'
      : 'courier-automations-wasm is not initialized: await init() first');
  }
  return live;
}

/** @internal how many trapped instances were replaced so far (tests, diagnostics) */
export function instanceReplacements() {
  return replacements;
}
