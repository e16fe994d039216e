// Types for `courier-automations-wasm/wasm` (and its alias `/courier_automations.wasm`): the
// .wasm file itself. Bundlers for Cloudflare Workers (wrangler: CompiledWasm) and Vercel Edge
// (`?module`) turn an import of it into a precompiled module, which is what this declares; hand
// it to `init({ module })`. Elsewhere resolve the file's path or URL and use `init({ bytes })`
// or `init({ url })`.
declare const wasmModule: WebAssembly.Module;
export default wasmModule;
