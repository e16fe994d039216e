// normalize refuses input over the payload limit the way validate does (limit.payload_bytes),
// before anything is copied into the dry-run module: its memory must not grow (issue 14 item 3,
// found for normalize after validate was fixed: a 9 M-character string grew it by 18 MiB).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, normalize, ValidationError, simulatorInstance, validatorInstance } from './support/source.js';

await init();
const limit = validatorInstance().limit;
const heap = () => simulatorInstance().HEAPU8.buffer.byteLength;

/** @param {unknown} payload */
function refusal(payload) {
  try {
    normalize(payload);
  } catch (error) {
    assert.ok(error instanceof ValidationError, String(error));
    return error.report.errors.map((e) => e.code);
  }
  assert.fail('normalize accepted an over-limit payload');
}

test('over-limit text, bytes and objects are limit.payload_bytes and leave the module heap as it was', () => {
  normalize('{"recipient":"u","automation":{"steps":[{"action":"send","template":"T"}]}}');
  const before = heap();
  const long = `{"recipient":"${'u'.repeat(limit)}","automation":{"steps":[]}}`;
  assert.deepEqual(refusal(long), ['limit.payload_bytes']);
  assert.deepEqual(refusal(new TextEncoder().encode(long)), ['limit.payload_bytes']);
  assert.deepEqual(refusal(new TextEncoder().encode(long).buffer), ['limit.payload_bytes']);
  assert.deepEqual(refusal({ recipient: 'u'.repeat(limit), automation: { steps: [] } }), ['limit.payload_bytes']);
  assert.equal(heap(), before, 'the dry-run module grew its memory for input it refused');
});

test('a payload just under the limit still reaches the core', () => {
  const body = { recipient: 'u', automation: { steps: [{ action: 'send', template: 'T' }] } };
  assert.equal(JSON.parse(normalize(body)).recipient, 'u');
});

test('the bundled ./dry-run entry refuses over-limit input through the main entry\'s validator', async () => {
  const bundled = await import('courier-automations-wasm/dry-run');
  await bundled.init();
  const bytes = new Uint8Array(limit + 1).fill(0x20);
  assert.throws(() => bundled.normalize(bytes), (error) => error instanceof bundled.ValidationError
    && error.report.errors[0].code === 'limit.payload_bytes');
});
