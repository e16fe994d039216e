/**
 * The wasm instance never aborts: thousands of malformed and hostile inputs (fuzz corpora,
 * fixtures, seeded mutations, random bytes) go through validate (object, text, bytes; both
 * levels), normalize and dryRun. Every call returns a value or throws a ValidationError (never
 * a WebAssembly.RuntimeError, never an InstanceReplacedError), and the same instance still
 * validates the seed example afterwards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { init, validate, normalize, dryRunSync, ValidationError, instanceReplacements } from '../support/source.js';
import { hostileInputs } from './inputs.js';

const seedText = readFileSync(new URL('../../fixtures/valid/seed-example.json', import.meta.url), 'utf8');
const decoder = new TextDecoder('utf-8', { fatal: false });
const SIM = { limits: { maxRuns: 64, maxEvents: 4096, maxInvokeDepth: 8 } };

function isReport(r) {
  return r && typeof r.valid === 'boolean' && Array.isArray(r.errors) && Array.isArray(r.warnings) &&
    r.errors.every((p) => typeof p.code === 'string' && typeof p.path === 'string' && typeof p.message === 'string');
}

/** Runs `fn`; returns 'ok' or 'refused'; anything but a ValidationError fails the test. */
function outcome(what, name, fn) {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof ValidationError && isReport(error.report)) return 'refused';
    assert.fail(`${what} on ${name} threw ${error?.name}: ${error?.message}`);
  }
}

test('thousands of hostile inputs: every call returns a report or a clean ValidationError', async (t) => {
  await init();
  const inputs = hostileInputs();
  const counts = { inputs: inputs.length, calls: 0, valid: 0, refused: 0, bytes: 0 };
  for (const { name, bytes } of inputs) {
    counts.bytes += bytes.length;
    const text = decoder.decode(bytes);
    let object;
    try { object = JSON.parse(text); } catch { object = undefined; }
    for (const level of ['courier', 'schema']) {
      for (const [kind, input] of [['bytes', bytes], ['text', text], ['ArrayBuffer', bytes.slice().buffer],
        ...(object !== undefined ? [['object', object]] : [])]) {
        const report = validate(input, { level });
        counts.calls += 1;
        assert.ok(isReport(report), `validate(${kind}, ${level}) on ${name} gave ${JSON.stringify(report)}`);
        if (report.valid) counts.valid += 1;
      }
    }
    for (const [kind, input] of [['bytes', bytes], ['text', text]]) {
      if (outcome(`normalize(${kind})`, name, () => normalize(input)) === 'refused') counts.refused += 1;
      if (outcome(`dryRunSync(${kind})`, name, () => dryRunSync(input, SIM)) === 'refused') counts.refused += 1;
      counts.calls += 2;
    }
  }
  assert.ok(counts.inputs >= 4000, `only ${counts.inputs} inputs`);
  assert.equal(instanceReplacements(), 0, 'the instance trapped and was replaced');
  // The same instance still gets the seed example right.
  assert.equal(validate(seedText).valid, true);
  assert.equal(validate(seedText).errors.length, 0);
  assert.equal(validate(new TextEncoder().encode(seedText), { level: 'schema' }).valid, true);
  assert.equal(JSON.parse(normalize(seedText)).recipient, 'user-yes');
  assert.equal(dryRunSync(seedText).messages.length, 1);
  t.diagnostic(`never-abort: ${counts.inputs} inputs (${counts.bytes} bytes), ${counts.calls} calls, ` +
    `${counts.valid} valid verdicts, ${counts.refused} ValidationErrors, 0 traps`);
});

test('lone surrogates and NUL in JS strings (text and object input) are reports, not traps', async () => {
  await init();
  for (const s of ['\ud800', '\udc00x', 'a\u0000b', '\uFEFF', '\ud83d\ude00', '\uffff']) {
    const payload = { recipient: s, template: s, automation: { steps: [{ action: 'send', [s]: s }] } };
    for (const input of [payload, JSON.stringify(payload)]) {
      for (const level of ['courier', 'schema']) assert.ok(isReport(validate(input, { level })));
      outcome('normalize', JSON.stringify(s), () => normalize(input));
      outcome('dryRunSync', JSON.stringify(s), () => dryRunSync(input, SIM));
    }
  }
  assert.equal(instanceReplacements(), 0);
});
