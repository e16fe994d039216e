/**
 * A 100,000-deep array is an error (limit.depth), not a stack overflow, through every entry
 * point of the wasm build, with text and bytes input: validate (both levels), normalize,
 * dryRunSync, dryRun. Also a 100,000-deep `if` expression and a deep object inside a payload.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, validate, normalize, dryRun, dryRunSync, ValidationError, instanceReplacements } from '../support/source.js';
import { deepArray } from './inputs.js';

const enc = new TextEncoder();
const inPayload = (inner) => `{"recipient":"u","template":"T","automation":{"steps":[{"action":"send"}]},"data":${inner}}`;

function codes(report) {
  return report.errors.map((e) => e.code);
}

for (const [name, text] of [
  ['a bare 100,000-deep array', deepArray(100000)],
  ['a 100,000-deep array in data', inPayload(deepArray(100000))],
  ['100,000 nested objects in data', inPayload('{"a":'.repeat(100000) + '1' + '}'.repeat(100000))],
  ['129 levels (one over the limit)', inPayload(`{"x":${deepArray(127)}}`)],
]) {
  test(`${name}: limit.depth everywhere, text and bytes`, async () => {
    await init();
    for (const input of [text, enc.encode(text)]) {
      for (const level of ['courier', 'schema']) {
        const r = validate(input, { level });
        assert.equal(r.valid, false);
        assert.ok(codes(r).includes('limit.depth'), JSON.stringify(r.errors));
      }
      for (const run of [() => normalize(input), () => dryRunSync(input)]) {
        assert.throws(run, (e) => e instanceof ValidationError && codes(e.report).includes('limit.depth'));
      }
      await assert.rejects(dryRun(input), (e) => e instanceof ValidationError && codes(e.report).includes('limit.depth'));
    }
    assert.equal(instanceReplacements(), 0);
  });
}

test('128 levels in all is accepted', async () => {
  await init();
  const r = validate(inPayload(`{"x":${deepArray(126)}}`));
  assert.equal(r.valid, true, JSON.stringify(r.errors));
});

test('a 100,000-deep `if` expression is refused by the expression limits, not a stack overflow', async () => {
  await init();
  const expr = '('.repeat(100000) + 'true' + ')'.repeat(100000);
  const text = `{"recipient":"u","template":"T","automation":{"steps":[{"action":"send","if":"${expr}"}]}}`;
  for (const input of [text, enc.encode(text)]) {
    assert.equal(typeof validate(input).valid, 'boolean');
    const trace = dryRunSync(input);
    assert.ok(trace.runs[0].steps[0].notes.some((n) => n.includes('expression longer than 4096 bytes')),
      JSON.stringify(trace.runs[0].steps[0]));
  }
  const nested = '('.repeat(65) + 'true' + ')'.repeat(65);
  const trace = dryRunSync(`{"recipient":"u","template":"T","automation":{"steps":[{"action":"send","if":"${nested}"}]}}`);
  assert.ok(trace.runs[0].steps[0].notes.some((n) => n.includes('expression nested deeper than 64')));
  assert.equal(instanceReplacements(), 0);
});

test('a 200,000-deep JS object: limit.depth from validate, ValidationError from normalize and dryRun', async () => {
  await init();
  const root = [];
  let at = root;
  for (let i = 0; i < 200000; ++i) { const next = []; at.push(next); at = next; }
  const payload = { recipient: 'u', template: 'T', automation: { steps: [{ action: 'send' }] }, data: { root } };
  assert.deepEqual(codes(validate(payload)), ['limit.depth']);
  assert.throws(() => normalize(payload), (e) => e instanceof ValidationError && codes(e.report).includes('limit.depth'));
  assert.throws(() => dryRunSync(payload), (e) => e instanceof ValidationError && codes(e.report).includes('limit.depth'));
  await assert.rejects(dryRun(payload), (e) => e instanceof ValidationError && codes(e.report).includes('limit.depth'));
});
