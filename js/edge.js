/**
 * Vercel Edge / Next.js edge runtime entry (package.json "edge-light" condition). Like
 * Workers, the Edge runtime forbids compiling wasm from bytes; its bundler turns a
 * `.wasm?module` import into a precompiled WebAssembly.Module (the pattern @vercel/og uses).
 * Other bundlers that pick "edge-light" must support the same suffix, or the host calls
 * init({ module }) with a module it imported itself (`courier-automations-wasm/wasm`).
 */
import wasmModule from '../dist/caw_validate.wasm?module';
import { setDefaultSource } from './validate/loader.js';

setDefaultSource(async () => ({ module: wasmModule }));

export * from './index.js';
