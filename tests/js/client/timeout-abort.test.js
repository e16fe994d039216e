// Per-attempt timeouts and the caller's AbortSignal, during requests and backoff sleeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { AutomationsClient, TimeoutError, ConnectionError, AbortError } from 'courier-automations-wasm/client';
import { TESTING } from '../../../js/client/testing.js';
import { startServer, reply, courierError, sequence, ok, hang, installRejectionTripwire, TEST_KEY, UUID } from './recording-server.js';

installRejectionTripwire();
const seed = JSON.parse(await readFile(new URL('../../fixtures/valid/seed-example.json', import.meta.url), 'utf8'));
const fast = { [TESTING]: { sleepScale: 0 } };
const keysOf = (server) => server.requests.map((r) => r.headers['idempotency-key']);
/** Resolves once the server has recorded `n` requests. */
const whenRequests = async (server, n) => { while (server.requests.length < n) await new Promise((r) => setTimeout(r, 5)); };

test('a server that never answers: TimeoutError after every retry timed out, one key throughout', async (t) => {
  const server = await startServer(hang);
  t.after(() => server.close());
  /** @type {string[]} */
  const sent = []; // counted client-side: on a loaded machine an attempt may time out before the server reads it
  const client = new AutomationsClient({
    apiKey: TEST_KEY, baseURL: server.url, timeout: 100, ...fast,
    fetch: (url, init) => { sent.push(/** @type {any} */ (init.headers)['Idempotency-Key']); return fetch(url, init); },
  });
  const started = performance.now();
  await assert.rejects(client.invokeAdHoc(seed), (err) => {
    assert.ok(err instanceof TimeoutError && err instanceof ConnectionError);
    assert.equal(err.name, 'TimeoutError');
    assert.match(err.message, /100 ms/);
    assert.equal(err.idempotencyKey, sent[0]);
    return true;
  });
  assert.ok(performance.now() - started < 3000);
  assert.equal(sent.length, 3);
  assert.equal(new Set([...sent, ...keysOf(server)]).size, 1);
  assert.ok(server.requests.length >= 1);
});

test('the timeout is per attempt: a hung first attempt, then an answer', async (t) => {
  const server = await startServer(sequence([hang, ok('r-second')]));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, timeout: 300, ...fast });
  assert.deepEqual(await client.invokeAdHoc(seed), { runId: 'r-second' });
  assert.equal(server.requests.length, 2);
});

test('the timeout also covers a response body that stalls', async (t) => {
  const server = await startServer((_q, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.write('{"runId":'); });
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, timeout: 80, maxRetries: 0 });
  await assert.rejects(client.invokeAdHoc(seed), TimeoutError);
});

test('the caller aborts during a request: AbortError promptly, no retry', async (t) => {
  const server = await startServer(hang);
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, timeout: 30_000 });
  const controller = new AbortController();
  const call = client.invokeAdHoc(seed, { signal: controller.signal });
  await whenRequests(server, 1);
  const abortedAt = performance.now();
  controller.abort();
  await assert.rejects(call, (err) => {
    assert.equal(err.constructor, AbortError);
    assert.equal(err.name, 'AbortError');
    assert.equal(err.idempotencyKey, keysOf(server)[0]);
    return true;
  });
  assert.ok(performance.now() - abortedAt < 500, 'prompt');
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(server.requests.length, 1);
});

test('the caller aborts during a backoff sleep: AbortError promptly, nothing more sent', async (t) => {
  // Real sleep (no TESTING hooks): the server asks for 30 s.
  const server = await startServer((_q, res) => reply(res, 503, courierError('later'), { 'retry-after-ms': '30000' }));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  const controller = new AbortController();
  const call = client.invokeAdHoc(seed, { signal: controller.signal });
  await whenRequests(server, 1);
  await new Promise((r) => setTimeout(r, 100)); // the 503 has arrived; the client sleeps
  const abortedAt = performance.now();
  controller.abort(new Error('user navigated away'));
  await assert.rejects(call, (err) => {
    assert.ok(err instanceof AbortError);
    assert.equal(err.cause?.message, 'user navigated away');
    assert.match(err.idempotencyKey, UUID);
    return true;
  });
  assert.ok(performance.now() - abortedAt < 500, 'prompt');
  assert.equal(server.requests.length, 1);
});

test('an already aborted signal: AbortError, nothing sent', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  await assert.rejects(client.invokeAdHoc(seed, { signal: AbortSignal.abort() }), (err) => err instanceof AbortError && err.idempotencyKey === undefined);
  await assert.rejects(client.invokeByTemplate('t', { recipient: 'u' }, { signal: AbortSignal.abort() }), AbortError);
  assert.equal(server.requests.length, 0);
});

test('a custom fetch that ignores signals: timeout and abort still settle promptly, late rejections stay handled', async () => {
  const never = () => new Promise(() => {});
  const timeoutClient = new AutomationsClient({ apiKey: TEST_KEY, baseURL: 'http://127.0.0.1:9', fetch: never, timeout: 40, maxRetries: 1, ...fast });
  await assert.rejects(timeoutClient.invokeAdHoc(seed), TimeoutError);

  // Rejects 100 ms after the call was given up: must not surface as an unhandled rejection.
  const lateFailure = () => new Promise((_resolve, reject) => setTimeout(() => reject(new TypeError('late')), 100));
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: 'http://127.0.0.1:9', fetch: lateFailure, timeout: 10_000 });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20);
  const started = performance.now();
  await assert.rejects(client.invokeAdHoc(seed, { signal: controller.signal }), AbortError);
  assert.ok(performance.now() - started < 90, 'settled before the fetch did');
  await new Promise((r) => setTimeout(r, 150)); // the tripwire would see the late rejection
});
