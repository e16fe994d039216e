// The validate-only module (dist/caw_validate.wasm) as the loader sees it: only the imports the
// loader stubs on purpose (an undefined C++ symbol would otherwise become a silent import that
// traps on first use), and every export of the ABI in bindings/validate/validate_module.cpp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const module = new WebAssembly.Module(readFileSync(new URL('../../dist/caw_validate.wasm', import.meta.url)));

test('imports only the memory-growth notice and proc_exit', () => {
  const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`).sort();
  assert.deepEqual(imports, ['env.emscripten_notify_memory_growth', 'wasi_snapshot_preview1.proc_exit']);
});

test('exports the validate ABI and its memory', () => {
  const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  for (const name of ['memory', 'caw_input', 'caw_check', 'caw_oversize', 'caw_records', 'caw_arena', 'caw_codes',
    'caw_codes_size', 'caw_payload_limit']) {
    assert.ok(exports.has(name), `missing export ${name}`);
  }
});
