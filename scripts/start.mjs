// Prints the seed example of the OpenAPI contract in canonical form, through the wasm build.
import { readFile } from 'node:fs/promises';
import { init, normalize } from 'courier-automations-wasm';

await init();
const seed = await readFile(new URL('../tests/fixtures/valid/seed-example.json', import.meta.url), 'utf8');
process.stdout.write(normalize(seed, { indent: 2 }) + '\n');
