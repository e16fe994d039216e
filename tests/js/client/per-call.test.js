// Per-call options (timeout, maxRetries, headers, signal, idempotencyKey) and .withResponse(),
// against a real recording server and the package's emulator (which replays a repeated
// Idempotency-Key with `Idempotent-Replayed: true`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { AutomationsClient, InvokePromise, TimeoutError, RateLimitError } from 'courier-automations-wasm/client';
import { startEmulator } from 'courier-automations-wasm/emulator';
import { TESTING } from '../../../js/client/testing.js';
import { startServer, reply, ok, hang, sequence, courierError, installRejectionTripwire, TEST_KEY, UUID } from './recording-server.js';

installRejectionTripwire();
const seed = JSON.parse(await readFile(new URL('../../fixtures/valid/seed-example.json', import.meta.url), 'utf8'));
const fast = { [TESTING]: { sleepScale: 0 } };

test('withResponse against the emulator: data, the Response, requestId, and replayed on a repeated key', async (t) => {
  const emu = await startEmulator({ port: 0, now: '2024-04-08T08:00:00Z', fixtures: { templates: { welcome: seed } } });
  t.after(() => emu.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: emu.url });

  const first = await client.invokeAdHoc(seed, { idempotencyKey: 'order-1' }).withResponse();
  assert.equal(typeof first.data.runId, 'string');
  assert.ok(first.response instanceof Response);
  assert.equal(first.response.status, 200);
  assert.equal(first.replayed, false);
  assert.equal(first.requestId, first.response.headers.get('x-request-id') ?? first.response.headers.get('request-id') ?? undefined);

  const again = await client.invokeAdHoc(seed, { idempotencyKey: 'order-1' }).withResponse();
  assert.equal(again.replayed, true, 'the emulator answered from its idempotency store');
  assert.equal(again.data.runId, first.data.runId, 'no second run');
  const other = await client.invokeAdHoc(seed, { idempotencyKey: 'order-2' }).withResponse();
  assert.equal(other.replayed, false);
  assert.notEqual(other.data.runId, first.data.runId);

  // The SDK's way to send the key (a header) is taken as the key, so it replays too.
  const viaHeader = await client.invokeAdHoc(seed, { headers: { 'Idempotency-Key': 'order-1' } }).withResponse();
  assert.equal(viaHeader.replayed, true);
  assert.equal(viaHeader.data.runId, first.data.runId);

  const byTemplate = client.invokeByTemplate('welcome', { recipient: 'u1' });
  assert.ok(byTemplate instanceof InvokePromise && byTemplate instanceof Promise);
  const { runId } = await byTemplate;
  assert.equal((await byTemplate.withResponse()).data.runId, runId, 'one request behind both views');
});

test('requestId comes from the response headers; awaiting the call still gives { runId }', async (t) => {
  const server = await startServer((_q, res) => reply(res, 200, { runId: 'r-1' }, { 'x-request-id': 'req-42' }));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  const call = client.invokeAdHoc(seed);
  const { data, requestId, replayed, response } = await call.withResponse();
  assert.deepEqual(data, { runId: 'r-1' });
  assert.equal(requestId, 'req-42');
  assert.equal(replayed, false);
  assert.equal(response.headers.get('x-request-id'), 'req-42');
  assert.deepEqual(await call, { runId: 'r-1' });
  assert.deepEqual(await Promise.all([call]), [{ runId: 'r-1' }]);
  assert.equal(server.requests.length, 1, 'awaiting and withResponse share one request');
});

test('a failing call rejects withResponse with the same error, and leaves no unhandled rejection when only withResponse is used', async (t) => {
  const server = await startServer((_q, res) => reply(res, 429, courierError('slow down')));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, maxRetries: 0 });
  await assert.rejects(client.invokeAdHoc(seed).withResponse(), RateLimitError);
  await assert.rejects(client.invokeAdHoc(seed), RateLimitError);
  await assert.rejects(client.invokeAdHoc(seed).catch((e) => { throw e; }), RateLimitError);
  // the tripwire (installRejectionTripwire) fails the file on any unhandled rejection
});

test('per-call maxRetries and timeout override the client\'s, for that call only', async (t) => {
  const server = await startServer(sequence([
    (_q, res) => reply(res, 500, courierError('a')), (_q, res) => reply(res, 500, courierError('b')),
    (_q, res) => reply(res, 500, courierError('c')), ok('r-3'),
  ]));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, maxRetries: 0, ...fast });
  assert.deepEqual(await client.invokeAdHoc(seed, { maxRetries: 3 }), { runId: 'r-3' });
  assert.equal(server.requests.length, 4);
  const keys = new Set(server.requests.map((r) => r.headers['idempotency-key']));
  assert.equal(keys.size, 1, 'every retry of the call reuses its key');
  assert.match([...keys][0], UUID);

  const hanging = await startServer(hang);
  t.after(() => hanging.close());
  const slowClient = new AutomationsClient({ apiKey: TEST_KEY, baseURL: hanging.url, timeout: 600_000, maxRetries: 1, ...fast });
  await assert.rejects(slowClient.invokeAdHoc(seed, { timeout: 30, maxRetries: 0 }), (err) => err instanceof TimeoutError && /within 30 ms/.test(err.message));
  assert.equal(hanging.requests.length, 1, 'maxRetries: 0 for this call');
});

test('per-call headers are sent, replace the client\'s own whatever their case, and cannot carry a key', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  await client.invokeAdHoc(seed, { headers: { 'X-Trace': 't-1', 'user-agent': 'my-app/1', 'x-idempotency-expiration': '1785312000' } });
  await client.invokeAdHoc(seed, { headers: new Headers({ 'x-trace': 't-2' }), idempotencyKey: 'k-2' });
  const [a, b] = server.requests;
  assert.equal(a.headers['x-trace'], 't-1');
  assert.equal(a.headers['user-agent'], 'my-app/1', 'one User-Agent, the caller\'s');
  assert.equal(a.headers['x-idempotency-expiration'], '1785312000');
  assert.equal(a.headers.authorization, `Bearer ${TEST_KEY}`);
  assert.equal(b.headers['x-trace'], 't-2');
  assert.equal(b.headers['idempotency-key'], 'k-2');

  const refused = [
    [{ headers: { Authorization: 'Bearer other' } }, /apiKey/],
    [{ headers: { 'Idempotency-Key': 'a' }, idempotencyKey: 'b' }, /disagree/],
    [{ headers: { 'bad name': 'x' } }, /header name/],
    [{ headers: { 'x-a': 'line\nbreak' } }, /x-a/],
    [{ headers: 'x-a: 1' }, /headers must be/],
    [{ timeout: 0 }, /timeout/], [{ maxRetries: -1 }, /maxRetries/],
  ];
  for (const [options, message] of refused) {
    await assert.rejects(client.invokeAdHoc(seed, /** @type {any} */ (options)), (err) => err instanceof TypeError && message.test(err.message), JSON.stringify(options));
  }
  assert.equal(server.requests.length, 2, 'nothing sent for a refused call');
});

test('an unknown call option is a TypeError naming it and the nearest valid one; nothing is sent', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  for (const [wrong, right] of [['idempotency_key', 'idempotencyKey'], ['maxRetrys', 'maxRetries'], ['timout', 'timeout'], ['header', 'headers'], ['signl', 'signal']]) {
    await assert.rejects(client.invokeAdHoc(seed, /** @type {any} */ ({ [wrong]: 1 })), (err) => {
      assert.ok(err instanceof TypeError);
      assert.match(err.message, new RegExp(`^invokeAdHoc: unknown option "${wrong}"; did you mean "${right}"\\?`));
      return true;
    });
  }
  await assert.rejects(client.invokeByTemplate('t', { recipient: 'u' }, /** @type {any} */ ({ idempotencyKeys: 'k' })), /invokeByTemplate: unknown option "idempotencyKeys"; did you mean "idempotencyKey"/);
  assert.equal(server.requests.length, 0);
});
