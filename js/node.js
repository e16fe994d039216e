/**
 * Node.js entry (package.json "node" condition): reads the .wasm next to the package. The
 * path is the same from js/ (sources) and from dist/ (the bundle), both one level deep.
 */
import { readFile } from 'node:fs/promises';
import { setDefaultSource } from './validate/loader.js';

setDefaultSource(async () => ({ bytes: await readFile(new URL('../dist/caw_validate.wasm', import.meta.url)) }));

export * from './index.js';
