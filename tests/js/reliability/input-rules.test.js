/**
 * Every input rule of the validator, for text and bytes alike (issue 14, items 1–3): trailing
 * bytes after the document (a NUL included) are a located json.syntax error, and a payload over
 * the limit is refused before any of it is copied into wasm memory, whatever its size.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, validate, validatorInstance } from '../support/source.js';

await init();
const memory = () => validatorInstance().memory.buffer.byteLength;
const body = '{"recipient":"u","automation":{"steps":[{"action":"send","template":"T"}]}}';
const bytes = (text) => new TextEncoder().encode(text);

for (const [name, tail] of [['a NUL then garbage', '\u0000garbage{{{'], ['a second document', ' {}'], ['a comma', ',']]) {
  test(`${name} after the document is json.syntax at its position, for text and bytes, at both levels`, () => {
    for (const payload of [body + tail, bytes(body + tail)]) {
      for (const level of ['courier', 'schema']) {
        const report = validate(payload, { level });
        assert.equal(report.valid, false, `${name} (${level}) was accepted`);
        const [error] = report.errors;
        assert.equal(error.code, 'json.syntax');
        assert.equal(error.line, 1);
        assert.equal(error.column, body.length + 1 + (tail.startsWith(' ') ? 1 : 0));
      }
    }
  });
}

test('text over the limit is limit.payload_bytes and does not grow wasm memory', () => {
  validate(body);  // warm-up: the input buffer exists
  const before = memory();
  for (const size of [9 * 1024 * 1024, 40 * 1024 * 1024]) {
    const report = validate(`{"pad":"${'x'.repeat(size)}"}`);
    assert.deepEqual(report.errors.map((e) => e.code), ['limit.payload_bytes']);
    assert.match(report.errors[0].message, new RegExp(`The payload is ${size + 10} bytes`));
  }
  assert.equal(memory(), before, 'memory grew for an oversized payload');
});

test('bytes over the limit are limit.payload_bytes with their exact size and do not grow wasm memory', () => {
  const before = memory();
  const big = new Uint8Array(64 * 1024 * 1024 + 3);
  const report = validate(big);
  assert.deepEqual(report.errors.map((e) => e.code), ['limit.payload_bytes']);
  assert.match(report.errors[0].message, /The payload is 67108867 bytes; the limit is 8388608/);
  assert.equal(memory(), before, 'memory grew for an oversized payload');
});
