// Types for the .wasm exports: `courier-automations-wasm/wasm` (alias `/caw_validate.wasm`, the
// validate-only module of the main entry) and `courier-automations-wasm/dry-run/wasm` (alias
// `/courier_automations.wasm`, the dry run's module). Bundlers for Cloudflare Workers (wrangler:
// CompiledWasm) and Vercel Edge (`?module`) turn an import of one into a precompiled module,
// which is what this declares; hand it to `init({ module })`. Elsewhere resolve the file's path
// or URL and use `init({ bytes })` or `init({ url })`.
declare const wasmModule: WebAssembly.Module;
export default wasmModule;
