// Validation before sending: the plugged-in validator, else structural checks; nothing is
// sent when a body is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { AutomationsClient, ValidationError, AbortError } from 'courier-automations-wasm/client';
import { ValidationError as PackageValidationError } from 'courier-automations-wasm';
import { startServer, ok, installRejectionTripwire, TEST_KEY } from './recording-server.js';

installRejectionTripwire();
const seed = JSON.parse(await readFile(new URL('../../fixtures/valid/seed-example.json', import.meta.url), 'utf8'));

const refusal = {
  valid: false,
  errors: [{ code: 'delay.duration_iso', path: '/automation/steps/0/duration', message: 'ISO 8601 durations are not supported by delay', hint: '5 minutes', line: 1, column: 40 }],
  warnings: [],
};

test('ValidationError: the client bundle\'s copy and the main entry\'s are one class to instanceof, both ways', () => {
  const report = { valid: false, errors: [{ code: 'x', path: '', message: 'm' }], warnings: [] };
  assert.ok(new ValidationError(report) instanceof PackageValidationError);
  assert.ok(new PackageValidationError(report) instanceof ValidationError);
  assert.ok(!(new Error('m') instanceof ValidationError));
  assert.ok(!({ report } instanceof PackageValidationError));
  class Refusal extends ValidationError {}
  assert.ok(new Refusal(report) instanceof Refusal && new Refusal(report) instanceof PackageValidationError);
  assert.ok(!(new ValidationError(report) instanceof Refusal), 'a subclass keeps the ordinary prototype check');
});

test('a validator refusal throws ValidationError with its report and sends nothing', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  /** @type {unknown[][]} */
  const calls = [];
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, validator: (...args) => { calls.push(args); return refusal; } });
  const body = { automation: { steps: [{ action: 'delay', duration: 'PT5M' }] }, recipient: 'u' };
  await assert.rejects(client.invokeAdHoc(body), (err) => {
    assert.ok(err instanceof ValidationError);
    assert.deepEqual(err.report, refusal);
    assert.match(err.message, /ISO 8601 durations/);
    return true;
  });
  assert.deepEqual(calls, [[body, { level: 'courier' }]]);
  assert.equal(server.requests.length, 0);
});

test('an async validator works the same; a valid report lets the body through unchanged', async (t) => {
  const server = await startServer(ok('r-valid'));
  t.after(() => server.close());
  let verdict = refusal;
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, validator: async () => verdict });
  await assert.rejects(client.invokeAdHoc(seed), ValidationError);
  assert.equal(server.requests.length, 0);
  verdict = { valid: true, errors: [], warnings: [{ code: 'w', path: '/automation/steps/0/until', message: 'offset-less' }] };
  assert.deepEqual(await client.invokeAdHoc(seed), { runId: 'r-valid' });
  assert.deepEqual(server.requests[0].json, seed);
});

test('the caller aborting during an async validation: AbortError, nothing sent, no key reported', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  const controller = new AbortController();
  const client = new AutomationsClient({
    apiKey: TEST_KEY, baseURL: server.url,
    validator: async () => { controller.abort(); return { valid: true, errors: [], warnings: [] }; },
  });
  await assert.rejects(client.invokeAdHoc(seed, { signal: controller.signal }), (err) => err instanceof AbortError && err.idempotencyKey === undefined);
  assert.equal(server.requests.length, 0);
});

test('validate: false skips the validator and the shape checks', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  let called = 0;
  const withValidator = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, validator: () => { called++; return refusal; } });
  await withValidator.invokeAdHoc(seed, { validate: false });
  const without = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  await without.invokeAdHoc(/** @type {any} */ ({ automation: { steps: 'not an array' } }), { validate: false });
  assert.equal(called, 0);
  assert.equal(server.requests.length, 2);
  assert.deepEqual(server.requests[1].json, { automation: { steps: 'not an array' } });
});

test('without a validator, validate: true refuses structurally broken bodies and sends nothing', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  const cases = [
    [null, '', 'client.type'], [[], '', 'client.type'], ['{"automation":{}}', '', 'client.type'], [{}, '/automation', 'client.required'],
    [{ automation: 1 }, '/automation', 'client.type'], [{ automation: {} }, '/automation/steps', 'client.required'],
    [{ automation: { steps: {} } }, '/automation/steps', 'client.type'], [{ automation: { steps: [] } }, '/automation/steps', 'client.min_items'],
    [{ automation: { steps: [1] } }, '/automation/steps/0', 'client.type'],
    [{ automation: { steps: [{ action: 'send' }, {}] } }, '/automation/steps/1/action', 'client.required'],
    [{ automation: { steps: [{ action: '' }] } }, '/automation/steps/0/action', 'client.type'],
  ];
  for (const [body, path, code] of cases) {
    await assert.rejects(client.invokeAdHoc(/** @type {any} */ (body)), (err) => {
      assert.ok(err instanceof ValidationError, JSON.stringify(body));
      assert.equal(err.report.valid, false);
      assert.equal(err.report.errors[0].path, path, JSON.stringify(body));
      assert.equal(err.report.errors[0].code, code, JSON.stringify(body));
      return true;
    });
  }
  assert.equal(server.requests.length, 0);
  // Only structure: an unknown action or a bad delay is the validator's business.
  await client.invokeAdHoc({ automation: { steps: [{ action: 'teleport' }] } });
  assert.equal(server.requests.length, 1);
});

test('a validator that throws or returns no report stops the call before anything is sent', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  const boom = new Error('wasm not initialized');
  const throwing = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, validator: () => { throw boom; } });
  await assert.rejects(throwing.invokeAdHoc(seed), (err) => err === boom);
  const garbage = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, validator: /** @type {any} */ (() => 'ok') });
  await assert.rejects(garbage.invokeAdHoc(seed), TypeError);
  assert.equal(server.requests.length, 0);
});

test('a body JSON cannot represent is a TypeError, nothing sent', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  const cyclic = { automation: { steps: [{ action: 'send' }] } };
  /** @type {any} */ (cyclic).self = cyclic;
  await assert.rejects(client.invokeAdHoc(cyclic), TypeError);
  await assert.rejects(client.invokeAdHoc(/** @type {any} */ ({ automation: { steps: [{ action: 'send', n: 1n }] } })), TypeError);
  await assert.rejects(client.invokeAdHoc(/** @type {any} */ (undefined), { validate: false }), TypeError);
  assert.equal(server.requests.length, 0);
});

test('invokeByTemplate: shape checks only (the ad hoc validator is not consulted)', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  let called = 0;
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, validator: () => { called++; return refusal; } });
  for (const [body, path] of [[null, ''], [{ recipient: 5 }, '/recipient'], [{ recipient: 'u', data: 'x' }, '/data'], [{ profile: [] }, '/profile'], [{ brand: {} }, '/brand']]) {
    await assert.rejects(client.invokeByTemplate('t', /** @type {any} */ (body)), (err) => err instanceof ValidationError && err.report.errors[0].path === path);
  }
  assert.equal(server.requests.length, 0);
  await client.invokeByTemplate('t', { recipient: null, data: { a: 1 }, profile: null, brand: 'b', template: 't' });
  await client.invokeByTemplate('t', /** @type {any} */ ({ recipient: 5 }), { validate: false });
  assert.equal(server.requests.length, 2);
  assert.equal(called, 0);
});
