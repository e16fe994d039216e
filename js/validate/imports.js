/**
 * The import object for the validate-only module, generated from what the module declares it
 * imports (so a rebuilt module with other imports still links). Nothing it imports is needed
 * on the validate path: every function but the memory-growth notice is a trap, which the
 * loader turns into a replaced instance like any other trap.
 */

/**
 * @param {WebAssembly.Module} module
 * @param {() => void} memoryGrew called when the module grows its memory (cached views go stale)
 * @returns {WebAssembly.Imports}
 */
export function importObject(module, memoryGrew) {
  /** @type {Record<string, Record<string, Function>>} */
  const imports = {};
  for (const { module: space, name, kind } of WebAssembly.Module.imports(module)) {
    if (kind !== 'function') continue;  // memory, table or global: instantiation says what is missing
    imports[space] ??= {};
    imports[space][name] = name === 'emscripten_notify_memory_growth' ? memoryGrew : trapping(name);
  }
  return imports;
}

/** @param {string} name */
function trapping(name) {
  return () => {
    throw new WebAssembly.RuntimeError(`courier-automations-wasm: ${name}`);
  };
}
