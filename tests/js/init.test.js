// init(): calls before it, bad sources, and recovery (a failed init does not stick).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { init, normalize, InitError } from 'courier-automations-wasm';

const body = '{"automation":{"steps":[{"template":"T","action":"send"}]}}';

test('init: calls before init throw InitError; bad sources reject with InitError; a later good init works', async () => {
  assert.throws(() => normalize(body), InitError);
  await assert.rejects(init({ bytes: new Uint8Array([0, 97, 115, 109, 1, 0, 0]) }), InitError);
  await assert.rejects(init({ wasm: 'nope' }), (e) => e instanceof InitError && /module, bytes, url/.test(e.message));
  const compiled = await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  await assert.rejects(init({ module: compiled }), InitError, 'a module with the wrong imports/exports');
  const bytes = await readFile(new URL('../../dist/courier_automations.wasm', import.meta.url));
  await init({ bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  assert.equal(normalize(body), '{"automation":{"steps":[{"action":"send","template":"T"}]}}');
  await init();  // later calls reuse the first load
});
