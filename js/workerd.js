/**
 * Cloudflare Workers / workerd entry (package.json "workerd" condition). Workers forbid
 * compiling wasm from bytes at run time, so the .wasm is imported as a module: wrangler (and
 * miniflare with a CompiledWasm rule) turns this import into a precompiled WebAssembly.Module.
 */
import wasmModule from '../dist/caw_validate.wasm';
import { setDefaultSource } from './validate/loader.js';

setDefaultSource(async () => ({ module: wasmModule }));

export * from './index.js';
