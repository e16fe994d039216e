/**
 * Browser and Deno entry (package.json "browser" / "deno" / "default" conditions): streams
 * and compiles the .wasm that sits next to this package, resolved from import.meta.url (a
 * literal `new URL(..., import.meta.url)`, which Vite and webpack turn into an asset).
 */
import { setDefaultSource } from './validate/loader.js';

setDefaultSource(async () => ({ url: new URL('../dist/caw_validate.wasm', import.meta.url) }));

export * from './index.js';
