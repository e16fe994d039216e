/**
 * Where a .wasm comes from (init's argument) and how it becomes a compiled WebAssembly.Module.
 * Shared by both loaders: the validate-only module (js/validate/loader.js) and the dry run's
 * Embind module (js/dry-run/runtime.js).
 */
import { InitError } from './errors.js';

/**
 * @typedef {{ module?: WebAssembly.Module, bytes?: ArrayBuffer | ArrayBufferView, url?: string | URL }} InitSource
 */

/**
 * Whether init() was given a source at all (else the runtime entry's default applies). Any
 * non-empty object counts, so a misspelt one is refused rather than silently replaced.
 * @param {object | undefined} source
 */
export function hasSource(source) {
  return !!source && Object.keys(source).length > 0;
}

/**
 * The compiled module for a source.
 * @param {InitSource} source
 * @returns {Promise<WebAssembly.Module>}
 */
export async function compileSource(source) {
  if (source.module) return source.module;
  if (source.bytes) {
    const b = source.bytes;
    return WebAssembly.compile(b instanceof ArrayBuffer ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  }
  if (source.url) {
    const response = fetch(String(source.url));
    if (typeof WebAssembly.compileStreaming === 'function') {
      // Falls back to bytes when the server does not say application/wasm.
      return WebAssembly.compileStreaming(response.then((r) => r.clone())).catch(
        () => response.then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b)));
    }
    return response.then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b));
  }
  throw new InitError('init() needs one of: module, bytes, url');
}
