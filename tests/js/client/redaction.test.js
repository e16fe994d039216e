// The API key never appears in an error, its message, cause, toString, JSON or inspection,
// nor in anything the client logs, even when the server or fetch echoes it back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import {
  AutomationsClient, AuthenticationError, ConnectionError, InternalServerError, TimeoutError, AbortError,
} from 'courier-automations-wasm/client';
import { TESTING } from '../../../js/client/testing.js';
import { startServer, reply, hang, installRejectionTripwire, TEST_KEY } from './recording-server.js';

installRejectionTripwire();
const seed = JSON.parse(await readFile(new URL('../../fixtures/valid/seed-example.json', import.meta.url), 'utf8'));
const fast = { [TESTING]: { sleepScale: 0 } };

// Everything written to the console while this file runs, to check the client logs no key.
/** @type {string[]} */
const logged = [];
for (const method of /** @type {const} */ (['log', 'info', 'warn', 'error', 'debug', 'trace'])) {
  const original = console[method].bind(console);
  console[method] = (...args) => { logged.push(args.map((a) => inspect(a, { depth: Infinity })).join(' ')); original(...args); };
}

/** Every way we can think of to turn an error into text. */
function renderings(err) {
  const out = [
    String(err), err.message, err.stack ?? '', JSON.stringify(err), inspect(err, { showHidden: true, depth: Infinity, getters: true }),
    JSON.stringify(Object.getOwnPropertyDescriptors(err), (_k, v) => (typeof v === 'function' ? String(v) : v)),
    JSON.stringify(err.body ?? null), JSON.stringify(err.headers ?? null),
  ];
  for (let c = err.cause, depth = 0; c !== undefined && c !== null && depth < 10; c = c.cause, depth++) {
    out.push(String(c), String(c.message), String(c.stack ?? ''), JSON.stringify(c), inspect(c, { showHidden: true, depth: Infinity }));
  }
  return out;
}

/** @param {unknown} err */
function assertNoKey(err) {
  for (const text of renderings(err)) {
    assert.ok(!text.includes(TEST_KEY), `key leaked in: ${text.slice(0, 300)}`);
    assert.ok(!text.includes('SECRETSECRET'), `key fragment leaked in: ${text.slice(0, 300)}`);
  }
}

test('a server echoing the Authorization header in its body and headers: redacted in the error', async (t) => {
  const server = await startServer((req, res) => reply(res, 401,
    { message: `Unauthorized: ${req.headers.authorization}`, type: 'authorization_error', echo: { [String(req.headers.authorization)]: [req.headers.authorization] } },
    { 'x-echo-authorization': String(req.headers.authorization), 'www-authenticate': `Bearer error="invalid_token" token="${TEST_KEY}"` }));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  const err = await client.invokeAdHoc(seed).then(() => assert.fail('should fail'), (e) => e);
  assert.ok(err instanceof AuthenticationError);
  assert.equal(err.message, '401 Unauthorized: Bearer [REDACTED]', 'the echo was there, and was redacted');
  assert.equal(err.headers['x-echo-authorization'], 'Bearer [REDACTED]');
  assertNoKey(err);
});

test('a "__proto__" member in an error body is copied as data, not as a prototype', async (t) => {
  const server = await startServer((_q, res) => reply(res, 400, '{"message":"bad request","__proto__":{"polluted":true}}'));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  const err = await client.invokeAdHoc(seed).then(() => assert.fail('should fail'), (e) => e);
  assert.equal(Object.getPrototypeOf(err.body), Object.prototype);
  assert.equal(err.body.polluted, undefined);
  assert.deepEqual(Object.keys(err.body), ['message', '__proto__']);
  assert.equal(/** @type {any} */ ({}).polluted, undefined);
});

test('a 500 echoing the key, after all retries: redacted', async (t) => {
  const server = await startServer((req, res) => reply(res, 500, `upstream said ${req.headers.authorization}`));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, ...fast });
  const err = await client.invokeAdHoc(seed).then(() => assert.fail('should fail'), (e) => e);
  assert.ok(err instanceof InternalServerError);
  assert.equal(err.body, 'upstream said Bearer [REDACTED]');
  assertNoKey(err);
});

test('a fetch whose errors print the request (headers included), nested causes too: redacted', async () => {
  const leakyFetch = async (_url, init) => {
    const inner = Object.assign(new Error(`socket closed while sending ${JSON.stringify(init.headers)}`), { code: 'ECONNRESET' });
    throw new TypeError(`fetch failed for ${init.headers.Authorization}`, { cause: inner });
  };
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: 'http://127.0.0.1:9', fetch: leakyFetch, ...fast });
  const err = await client.invokeAdHoc(seed).then(() => assert.fail('should fail'), (e) => e);
  assert.equal(err.constructor, ConnectionError);
  assert.equal(err.cause.message, 'fetch failed for Bearer [REDACTED]', 'the cause is kept, redacted');
  assert.equal(err.cause.cause.code, 'ECONNRESET');
  assertNoKey(err);

  const objectFetch = async () => { throw { detail: `auth ${TEST_KEY}` }; }; // not an Error at all
  const client2 = new AutomationsClient({ apiKey: TEST_KEY, baseURL: 'http://127.0.0.1:9', fetch: objectFetch, maxRetries: 0 });
  assertNoKey(await client2.invokeAdHoc(seed).then(() => assert.fail('should fail'), (e) => e));
});

test('timeouts and aborts (even with a reason quoting the key) carry no key', async (t) => {
  const server = await startServer(hang);
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, timeout: 50, maxRetries: 0 });
  const timeout = await client.invokeAdHoc(seed).then(() => assert.fail('should fail'), (e) => e);
  assert.ok(timeout instanceof TimeoutError);
  assertNoKey(timeout);

  const controller = new AbortController();
  const call = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url }).invokeAdHoc(seed, { signal: controller.signal });
  setTimeout(() => controller.abort(new Error(`cancelled request with ${TEST_KEY}`)), 20);
  const aborted = await call.then(() => assert.fail('should fail'), (e) => e);
  assert.ok(aborted instanceof AbortError);
  assert.equal(aborted.cause.message, 'cancelled request with [REDACTED]');
  assertNoKey(aborted);
});

test('nothing the client logged mentions the key', () => {
  for (const line of logged) assert.ok(!line.includes(TEST_KEY), line);
});
