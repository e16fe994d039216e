/**
 * Loading the WebAssembly module, shared by every runtime entry (js/node.js, ...). An entry
 * only says how its runtime finds the .wasm by default (setDefaultSource); the public API
 * is js/index.js.
 */
import createCourierModule from '../dist/courier_automations.mjs';
import { InitError } from './errors.js';

/** @type {any} the Emscripten module, once init() has resolved */
let wasm = null;
/** @type {Promise<void> | null} */
let pending = null;
/** @type {() => Promise<InitSource>} */
let defaultSource = async () => {
  throw new InitError('No default way to load the .wasm here: call init({ module | bytes | url })');
};

/**
 * @typedef {{ module?: WebAssembly.Module, bytes?: ArrayBuffer | ArrayBufferView, url?: string | URL }} InitSource
 */

/** Entries call this once to say where their runtime finds the .wasm. @internal */
export function setDefaultSource(fn) {
  defaultSource = fn;
}

/**
 * The arguments for the Emscripten factory. `fail` rejects init() when our own instantiation
 * fails (Emscripten never hears of a failure inside instantiateWasm).
 */
async function moduleArguments(source, fail) {
  if (source.module) {
    const module = source.module;
    return {
      // workerd and Vercel Edge hand over a precompiled module: compiling bytes is forbidden there.
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module), fail);
        return {};
      },
      locateFile: (path) => path,
    };
  }
  if (source.bytes) {
    const b = source.bytes;
    return { wasmBinary: b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength) };
  }
  if (source.url) {
    const url = String(source.url);
    return {
      instantiateWasm(imports, receive) {
        const response = fetch(url);
        const compiled = typeof WebAssembly.instantiateStreaming === 'function'
          ? WebAssembly.instantiateStreaming(response, imports)
          : response.then((r) => r.arrayBuffer()).then((b) => WebAssembly.instantiate(b, imports));
        compiled.then(({ instance, module }) => receive(instance, module), fail);
        return {};
      },
      locateFile: (path) => path,
    };
  }
  throw new InitError('init() needs one of: module, bytes, url');
}

/**
 * Loads the WebAssembly module. Safe to call many times; later calls reuse the first load.
 * @param {InitSource} [source] how to find the .wasm; each runtime entry has a default
 * @returns {Promise<void>}
 */
export function init(source) {
  if (wasm) return Promise.resolve();
  if (!pending) {
    pending = (async () => {
      let fail;
      const failed = new Promise((_, reject) => { fail = reject; });
      const args = await moduleArguments(source && Object.keys(source).length ? source : await defaultSource(), fail);
      wasm = await Promise.race([createCourierModule(args), failed]);
    })().catch((cause) => {
      pending = null;
      throw cause instanceof InitError ? cause : new InitError(`Could not load courier-automations-wasm: ${cause?.message ?? cause}`, { cause });
    });
  }
  return pending;
}

/** @internal the loaded module, for the other API files */
export function instance() {
  if (!wasm) throw new InitError('courier-automations-wasm is not initialized: await init() first');
  return wasm;
}

/** @param {unknown} payload a JS value, JSON text, or UTF-8 bytes @returns {string} JSON text */
export function toJsonText(payload) {
  if (typeof payload === 'string') return payload;
  if (payload instanceof Uint8Array || payload instanceof ArrayBuffer) {
    return new TextDecoder('utf-8', { fatal: false }).decode(payload);
  }
  const text = JSON.stringify(payload);
  if (text === undefined) throw new TypeError('payload must be a JSON value, JSON text or bytes');
  return text;
}

