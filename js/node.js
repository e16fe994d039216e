/**
 * Node.js entry (package.json "node" condition): reads the .wasm next to the package.
 */
import { readFile } from 'node:fs/promises';
import { setDefaultSource } from './runtime.js';

setDefaultSource(async () => ({ bytes: await readFile(new URL('../dist/courier_automations.wasm', import.meta.url)) }));

export * from './index.js';
