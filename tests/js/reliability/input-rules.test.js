/**
 * Every input rule, for text and bytes alike (issue 14, items 1–4): trailing bytes after the
 * document (a NUL included) are a located json.syntax error; a payload over the limit is refused
 * before any of it is copied into wasm memory, whatever its size; invalid UTF-8 is the same
 * located json.utf8 error for validate, normalize and the dry run (never replaced by U+FFFD).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dryRun, init, normalize, validate, ValidationError, validatorInstance } from '../support/source.js';

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

test('invalid UTF-8 bytes are json.utf8 at the same place for validate, normalize and the dry run', async () => {
  const bad = new Uint8Array(Buffer.from('{"recipient":"u\xff","automation":{"steps":[{"action":"send","template":"T"}]}}', 'latin1'));
  const expected = { code: 'json.utf8', path: '/recipient', line: 1, column: 16 };
  const pick = (p) => ({ code: p.code, path: p.path, line: p.line, column: p.column });
  assert.deepEqual(pick(validate(bad).errors[0]), expected);
  for (const run of [() => normalize(bad), () => dryRun(bad)]) {
    let error;
    try {
      await run();
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof ValidationError, `accepted invalid UTF-8: ${error}`);
    assert.deepEqual(pick(error.report.errors[0]), expected);
  }
  // Valid UTF-8 bytes keep their characters.
  const good = new TextEncoder().encode('{"recipient":"Zoë","automation":{"steps":[{"action":"send","template":"T"}]}}');
  assert.match(normalize(good), /"recipient":"Zoë"/);
});
