// Retry rules (the SDK's) and waits: server-sent (clamped) or exponential backoff with jitter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { AutomationsClient, InternalServerError, RateLimitError, BadRequestError, MAX_SERVER_WAIT_MS } from 'courier-automations-wasm/client';
import { TESTING } from '../../../js/client/testing.js';
import { retryDelayMs, serverWaitMs } from '../../../js/client/retry.js';
import { startServer, reply, courierError, sequence, ok, installRejectionTripwire, TEST_KEY } from './recording-server.js';

installRejectionTripwire();
const seed = JSON.parse(await readFile(new URL('../../fixtures/valid/seed-example.json', import.meta.url), 'utf8'));

/** A client whose backoff sleeps are skipped and recorded. */
function fastClient(baseURL, options = {}) {
  /** @type {number[]} */
  const delays = [];
  const client = new AutomationsClient({
    apiKey: TEST_KEY, baseURL, ...options,
    [TESTING]: { sleepScale: 0, random: () => 0, onRetry: ({ delayMs }) => delays.push(delayMs) },
  });
  return { client, delays };
}

const keysOf = (server) => server.requests.map((r) => r.headers['idempotency-key']);

test('429 with Retry-After: 1 is really waited for (about a second), then the retry succeeds', async (t) => {
  const server = await startServer(sequence([(_q, res) => reply(res, 429, courierError('Too many'), { 'retry-after': '1' }), ok('r-429')]));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  const started = performance.now();
  assert.deepEqual(await client.invokeAdHoc(seed), { runId: 'r-429' });
  const elapsed = performance.now() - started;
  assert.ok(elapsed >= 950, `waited ${elapsed} ms`);
  assert.ok(elapsed < 5000, `waited ${elapsed} ms`);
  assert.equal(server.requests.length, 2);
  const [k1, k2] = keysOf(server);
  assert.equal(k1, k2);
});

test('500 then 200: retried once with the same key and body', async (t) => {
  const server = await startServer(sequence([(_q, res) => reply(res, 500, courierError('boom')), ok('r-500')]));
  t.after(() => server.close());
  const { client, delays } = fastClient(server.url);
  assert.deepEqual(await client.invokeAdHoc(seed), { runId: 'r-500' });
  assert.equal(server.requests.length, 2);
  assert.equal(new Set(keysOf(server)).size, 1);
  assert.equal(server.requests[0].text, server.requests[1].text);
  assert.deepEqual(delays, [500]);
});

test('backoff is min(0.5 * 2^n, 8) s with up to 25% jitter, and maxRetries bounds the attempts', async (t) => {
  const server = await startServer((_q, res) => reply(res, 503, courierError('unavailable')));
  t.after(() => server.close());
  const { client, delays } = fastClient(server.url, { maxRetries: 6 });
  await assert.rejects(client.invokeAdHoc(seed), InternalServerError);
  assert.equal(server.requests.length, 7);
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 8000]);
  assert.equal(new Set(keysOf(server)).size, 1);

  /** @type {number[]} */
  const jittered = [];
  const jitterClient = new AutomationsClient({
    apiKey: TEST_KEY, baseURL: server.url,
    [TESTING]: { sleepScale: 0, random: () => 0.999, onRetry: ({ delayMs }) => jittered.push(delayMs) },
  });
  await assert.rejects(jitterClient.invokeAdHoc(seed), InternalServerError);
  assert.equal(jittered.length, 2);
  assert.ok(Math.abs(jittered[0] - 500 * (1 - 0.999 * 0.25)) < 1e-6, String(jittered[0]));
  assert.ok(Math.abs(jittered[1] - 1000 * (1 - 0.999 * 0.25)) < 1e-6, String(jittered[1]));
});

test('maxRetries: 0 makes exactly one attempt', async (t) => {
  const server = await startServer((_q, res) => reply(res, 500, courierError('boom')));
  t.after(() => server.close());
  const { client, delays } = fastClient(server.url, { maxRetries: 0 });
  await assert.rejects(client.invokeAdHoc(seed), InternalServerError);
  assert.equal(server.requests.length, 1);
  assert.deepEqual(delays, []);
});

test('retry-after-ms wins over retry-after', async (t) => {
  const server = await startServer(sequence([(_q, res) => reply(res, 503, undefined, { 'retry-after-ms': '1234', 'retry-after': '5' }), ok()]));
  t.after(() => server.close());
  const { client, delays } = fastClient(server.url);
  await client.invokeAdHoc(seed);
  assert.deepEqual(delays, [1234]);
});

test('retry-after as an HTTP date is the time until then; a date in the past means now', async (t) => {
  const inTwenty = new Date(Date.now() + 20_000).toUTCString();
  const past = new Date(Date.now() - 60_000).toUTCString();
  const server = await startServer(sequence([
    (_q, res) => reply(res, 429, undefined, { 'retry-after': inTwenty }),
    (_q, res) => reply(res, 429, undefined, { 'retry-after': past }),
    ok(),
  ]));
  t.after(() => server.close());
  const { client, delays } = fastClient(server.url);
  await client.invokeAdHoc(seed);
  assert.equal(delays.length, 2);
  assert.ok(delays[0] > 18_000 && delays[0] <= 20_000, String(delays[0]));
  assert.equal(delays[1], 0);
});

test('server-sent waits are clamped to MAX_SERVER_WAIT_MS (60 s), unlike the SDK', async (t) => {
  assert.equal(MAX_SERVER_WAIT_MS, 60_000);
  const server = await startServer(sequence([
    (_q, res) => reply(res, 429, courierError('slow down'), { 'retry-after': '86400' }),
    (_q, res) => reply(res, 429, courierError('slow down'), { 'retry-after-ms': '1000000000000' }),
    (_q, res) => reply(res, 429, courierError('slow down'), { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() }),
  ]));
  t.after(() => server.close());
  const { client, delays } = fastClient(server.url, { maxRetries: 3 });
  await assert.rejects(client.invokeAdHoc(seed), RateLimitError);
  assert.deepEqual(delays, [MAX_SERVER_WAIT_MS, MAX_SERVER_WAIT_MS, MAX_SERVER_WAIT_MS]);
});

test('an unusable retry-after falls back to backoff; "1" is seconds, not the year 2001', () => {
  const h = (o) => new Headers(o);
  assert.equal(serverWaitMs(h({ 'retry-after': '1' }), 0), 1000);
  assert.equal(serverWaitMs(h({ 'retry-after': '1.5' }), 0), 1500);
  assert.equal(serverWaitMs(h({ 'retry-after': 'soon' }), 0), undefined);
  assert.equal(serverWaitMs(h({ 'retry-after-ms': 'x', 'retry-after': '2' }), 0), 2000);
  assert.equal(serverWaitMs(undefined, 0), undefined);
  assert.equal(retryDelayMs({ headers: h({ 'retry-after': 'soon' }), retryIndex: 1, random: () => 0 }), 1000);
  assert.equal(retryDelayMs({ headers: h({ 'retry-after': '-3' }), retryIndex: 0, random: () => 0 }), 0);
});

test('x-should-retry: false stops a retry of a 500; x-should-retry: true retries a 400', async (t) => {
  const no = await startServer((_q, res) => reply(res, 500, courierError('final'), { 'x-should-retry': 'false' }));
  t.after(() => no.close());
  await assert.rejects(fastClient(no.url).client.invokeAdHoc(seed), InternalServerError);
  assert.equal(no.requests.length, 1);

  const yes = await startServer(sequence([(_q, res) => reply(res, 400, courierError('try again'), { 'x-should-retry': 'true' }), ok('r-yes')]));
  t.after(() => yes.close());
  assert.deepEqual(await fastClient(yes.url).client.invokeAdHoc(seed), { runId: 'r-yes' });
  assert.equal(yes.requests.length, 2);
});

test('408, 409, 429 and >= 500 are retried; 400, 401, 403, 404, 422 and 418 are not', async (t) => {
  for (const [status, retried] of [[408, true], [409, true], [429, true], [502, true], [504, true],
    [400, false], [401, false], [403, false], [404, false], [422, false], [418, false]]) {
    const server = await startServer((_q, res) => reply(res, status, courierError(`s${status}`)));
    t.after(() => server.close()); // also when an assertion fails: an open server keeps the file alive
    const { client } = fastClient(server.url, { maxRetries: 1 });
    await assert.rejects(client.invokeAdHoc(seed), (err) => err.status === status);
    assert.equal(server.requests.length, retried ? 2 : 1, `status ${status}`);
  }
});

test('a 400 is thrown as is, without retry, even with retries left', async (t) => {
  const server = await startServer((_q, res) => reply(res, 400, courierError('Invalid Steps Definition: one or more steps are invalid')));
  t.after(() => server.close());
  const { client, delays } = fastClient(server.url, { maxRetries: 5 });
  await assert.rejects(client.invokeAdHoc(seed), BadRequestError);
  assert.deepEqual(delays, []);
});
