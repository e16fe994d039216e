// init(): calls before it, bad sources, and recovery (a failed init does not stick), for the
// main entry (the validate-only module) and ./dry-run (its own module plus the validator).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { init, validate, InitError } from 'courier-automations-wasm';
import * as dryRun from 'courier-automations-wasm/dry-run';

const body = '{"automation":{"steps":[{"template":"T","action":"send"}]}}';
const wasmFile = (name) => readFile(new URL(`../../dist/${name}`, import.meta.url));
const emptyModule = () => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));

test('init: calls before init throw InitError; bad sources reject with InitError; a later good init works', async () => {
  assert.throws(() => validate(body), InitError);
  await assert.rejects(init({ bytes: new Uint8Array([0, 97, 115, 109, 1, 0, 0]) }), InitError);
  await assert.rejects(init({ wasm: 'nope' }), (e) => e instanceof InitError && /module, bytes, url/.test(e.message));
  await assert.rejects(init({ module: await emptyModule() }), InitError, 'a module without the expected exports');
  // The dry run's module is not the validate-only one.
  await assert.rejects(init({ bytes: await wasmFile('courier_automations.wasm') }), InitError);
  const bytes = await wasmFile('caw_validate.wasm');
  await init({ bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  assert.equal(validate(body, { level: 'schema' }).valid, true);
  await init();  // later calls reuse the first load
});

test('./dry-run init: each module from its own source; a bad one rejects, a later good init works', async () => {
  assert.throws(() => dryRun.normalize(body), InitError);
  await assert.rejects(dryRun.init({ module: await emptyModule() }), InitError);
  await assert.rejects(dryRun.init({ bytes: await wasmFile('caw_validate.wasm') }), InitError, 'the validate-only module is not the dry run\'s');
  await dryRun.init({
    module: await WebAssembly.compile(await wasmFile('courier_automations.wasm')),
    validate: { bytes: await wasmFile('caw_validate.wasm') },
  });
  assert.equal(dryRun.normalize(body), '{"automation":{"steps":[{"action":"send","template":"T"}]}}');
  assert.equal(dryRun.validate(body, { level: 'schema' }).valid, true);
});
