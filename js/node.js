/**
 * Node.js entry (package.json "node" condition): reads the .wasm next to the package. The
 * path is the same from js/ (sources) and from dist/ (the bundle), both one level deep.
 */
import { readFileSync } from 'node:fs';
import { setDefaultSource } from './validate/loader.js';

// Read and compiled synchronously: for a module this small that is faster than the asynchronous
// path (no thread hop, no promise turns), and V8 compiles function bodies lazily anyway.
setDefaultSource(async () => ({ module: new WebAssembly.Module(readFileSync(new URL('../dist/caw_validate.wasm', import.meta.url))) }));

export * from './index.js';
