// The guarantee: one call, one Idempotency-Key, on every attempt; so a server that dedupes
// by key starts at most one run per call, even when a retry follows a lost response.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { AutomationsClient, ConnectionError, InternalServerError } from 'courier-automations-wasm/client';
import { TESTING } from '../../../js/client/testing.js';
import { startServer, reply, courierError, sequence, ok, installRejectionTripwire, TEST_KEY, UUID } from './recording-server.js';

installRejectionTripwire();
const seed = JSON.parse(await readFile(new URL('../../fixtures/valid/seed-example.json', import.meta.url), 'utf8'));
const fast = { [TESTING]: { sleepScale: 0 } };
const keysOf = (server) => server.requests.map((r) => r.headers['idempotency-key']);

/**
 * Courier's idempotency, simplified: the first request with a key starts a run and its
 * result is stored; later requests with that key get the stored result. `dropFirst` loses
 * the response of the first request after the run started (the socket is destroyed once the
 * body was read), the case where a client cannot know whether its POST took effect.
 */
async function dedupingServer({ dropFirst = false } = {}) {
  /** @type {Map<string, string>} */
  const runs = new Map();
  let started = 0;
  const server = await startServer((req, res, _i, raw) => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string') {
      started++; // no key: every request is a new run
      return reply(res, 200, { runId: `run-${started}` });
    }
    if (!runs.has(key)) {
      started++;
      runs.set(key, `run-${started}`);
      if (dropFirst && started === 1) return raw.socket.destroy();
    }
    reply(res, 200, { runId: runs.get(key) });
  });
  return Object.assign(server, { runsStarted: () => started });
}

test('a dropped connection after the server accepted the request: the retry carries the same key, one run starts', async (t) => {
  const server = await dedupingServer({ dropFirst: true });
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, ...fast });
  const result = await client.invokeAdHoc(seed);
  assert.equal(server.requests.length, 2, 'the lost response was retried');
  const [k1, k2] = keysOf(server);
  assert.match(String(k1), UUID);
  assert.equal(k1, k2);
  assert.equal(server.runsStarted(), 1);
  assert.deepEqual(result, { runId: 'run-1' }, 'the retry got the run the first attempt started');
});

test('the same with the caller\'s own key, for invokeByTemplate too', async (t) => {
  const server = await dedupingServer({ dropFirst: true });
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, ...fast });
  const result = await client.invokeByTemplate('onboarding', { recipient: 'user-yes' }, { idempotencyKey: 'order-ORD-456-user-123' });
  assert.deepEqual(keysOf(server), ['order-ORD-456-user-123', 'order-ORD-456-user-123']);
  assert.equal(server.runsStarted(), 1);
  assert.deepEqual(result, { runId: 'run-1' });
});

test('every attempt of one call sends the same generated key; separate calls get separate keys', async (t) => {
  const server = await startServer(sequence([
    (_q, res) => reply(res, 500, courierError('a')), (_q, res) => reply(res, 503, courierError('b')), ok('r-3'),
    ok('r-4'),
  ]));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, ...fast });
  await client.invokeAdHoc(seed);
  await client.invokeAdHoc(seed);
  const keys = keysOf(server);
  assert.equal(keys.length, 4);
  for (const k of keys) assert.match(String(k), UUID);
  assert.equal(keys[0], keys[1]);
  assert.equal(keys[1], keys[2]);
  assert.notEqual(keys[2], keys[3]);
});

test('after a call failed for good, retrying later with err.idempotencyKey still starts one run', async (t) => {
  // All attempts fail before any response: the caller gets the key and retries later.
  let refuse = true;
  const server = await dedupingServer();
  t.after(() => server.close());
  const client = new AutomationsClient({
    apiKey: TEST_KEY, baseURL: server.url, ...fast,
    fetch: (url, init) => (refuse ? Promise.reject(new TypeError('fetch failed')) : fetch(url, init)),
  });
  const err = await client.invokeAdHoc(seed).then(() => assert.fail('should fail'), (e) => e);
  assert.ok(err instanceof ConnectionError);
  assert.match(err.idempotencyKey, UUID);
  assert.equal(server.requests.length, 0);
  refuse = false;
  const first = await client.invokeAdHoc(seed, { idempotencyKey: err.idempotencyKey });
  const again = await client.invokeAdHoc(seed, { idempotencyKey: err.idempotencyKey });
  assert.deepEqual(first, again);
  assert.equal(server.runsStarted(), 1);
});

test('a refused connection is a ConnectionError after all retries, each with the same key', async () => {
  const gone = await startServer(ok());
  await gone.close(); // nothing listens on that port now
  /** @type {string[]} */
  const keys = [];
  const client = new AutomationsClient({
    apiKey: TEST_KEY, baseURL: gone.url, ...fast,
    fetch: (url, init) => { keys.push(/** @type {any} */ (init.headers)['Idempotency-Key']); return fetch(url, init); },
  });
  await assert.rejects(client.invokeAdHoc(seed), (err) => {
    assert.equal(err.constructor, ConnectionError);
    assert.equal(err.idempotencyKey, keys[0]);
    assert.ok(err.cause instanceof Error);
    return true;
  });
  assert.equal(keys.length, 3);
  assert.equal(new Set(keys).size, 1);
});

test('exhausted retries on 5xx keep one key (Courier replays a stored 500 for it: no second run either way)', async (t) => {
  const server = await startServer((_q, res) => reply(res, 500, courierError('boom')));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, maxRetries: 3, ...fast });
  await assert.rejects(client.invokeAdHoc(seed, { idempotencyKey: 'k-5xx' }), (err) => err instanceof InternalServerError && err.idempotencyKey === 'k-5xx');
  assert.deepEqual(keysOf(server), ['k-5xx', 'k-5xx', 'k-5xx', 'k-5xx']);
});

test('malformed idempotency keys are refused before anything is sent', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  for (const bad of ['', ' padded ', 'line\nbreak', 'ünicode', 42, null]) {
    await assert.rejects(client.invokeAdHoc(seed, { idempotencyKey: /** @type {any} */ (bad) }), TypeError, JSON.stringify(bad));
  }
  assert.equal(server.requests.length, 0);
});
