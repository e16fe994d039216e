/**
 * Browser and Deno entry (package.json "browser" / "deno" conditions): streams and compiles
 * the .wasm that sits next to this package, resolved from import.meta.url.
 */
import { setDefaultSource } from './runtime.js';

setDefaultSource(async () => ({ url: new URL('../dist/courier_automations.wasm', import.meta.url) }));

export * from './index.js';
