// The request the client puts on the wire: method, path, headers, body, response handling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { AutomationsClient, APIError } from 'courier-automations-wasm/client';
import { startServer, reply, ok, installRejectionTripwire, TEST_KEY, UUID } from './recording-server.js';

installRejectionTripwire();
const seed = JSON.parse(await readFile(new URL('../../fixtures/valid/seed-example.json', import.meta.url), 'utf8'));
const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8'));

test('invokeAdHoc POSTs the JSON body to /automations/invoke with the SDK headers and an Idempotency-Key', async (t) => {
  const server = await startServer(ok('1-aaaaaaaa-bbbbbbbbbbbbbbbbbbbbbbbb'));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  const result = await client.invokeAdHoc(seed);
  assert.deepEqual(result, { runId: '1-aaaaaaaa-bbbbbbbbbbbbbbbbbbbbbbbb' });
  assert.equal(server.requests.length, 1);
  const [req] = server.requests;
  assert.equal(req.method, 'POST');
  assert.equal(req.url, '/automations/invoke');
  assert.deepEqual(req.json, seed);
  assert.equal(req.headers.authorization, `Bearer ${TEST_KEY}`);
  assert.equal(req.headers['content-type'], 'application/json');
  assert.equal(req.headers.accept, 'application/json');
  assert.equal(req.headers['user-agent'], `courier-automations-wasm/${pkg.version} (client)`);
  assert.match(String(req.headers['idempotency-key']), UUID);
  assert.equal(req.headers['x-idempotency-expiration'], undefined);
});

test('the result is exactly { runId }, whatever else the server adds', async (t) => {
  const server = await startServer((_q, res) => reply(res, 200, { runId: 'r-1', extra: true }));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  assert.deepEqual(await client.invokeAdHoc(seed), { runId: 'r-1' });
});

test('baseURL keeps a path prefix and tolerates a trailing slash', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: `${server.url}/proxy/courier/` });
  assert.equal(client.baseURL, `${server.url}/proxy/courier`);
  await client.invokeAdHoc(seed);
  assert.equal(server.requests[0].url, '/proxy/courier/automations/invoke');
});

test('invokeByTemplate encodes the template id as one path segment', async (t) => {
  const server = await startServer(ok('r-2'));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  const body = { recipient: 'user-yes', data: { name: 'Foo' } };
  const ids = {
    'my-template_1': '/automations/my-template_1/invoke',
    'tpl/a b?c#d%e&f': '/automations/tpl%2Fa%20b%3Fc%23d%25e%26f/invoke',
    '../send': '/automations/..%2Fsend/invoke',
    'ünï': '/automations/%C3%BCn%C3%AF/invoke',
  };
  for (const [id, path] of Object.entries(ids)) {
    assert.deepEqual(await client.invokeByTemplate(id, body), { runId: 'r-2' });
    const req = server.requests.at(-1);
    assert.equal(req.url, path, id);
    assert.equal(req.method, 'POST');
    assert.deepEqual(req.json, body);
    assert.match(String(req.headers['idempotency-key']), UUID);
  }
});

test('invokeByTemplate refuses ids that would not stay one path segment, sending nothing', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  for (const id of ['', '.', '..', undefined, 42]) {
    await assert.rejects(client.invokeByTemplate(/** @type {any} */ (id), { recipient: 'u' }), TypeError, String(id));
  }
  assert.equal(server.requests.length, 0);
});

test('idempotencyExpiry is sent as x-idempotency-expiration: a Date as ISO 8601, numbers and strings verbatim', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  const when = new Date(Date.UTC(2026, 6, 29, 12, 0, 0));
  await client.invokeAdHoc(seed, { idempotencyKey: 'order-ORD-456-user-123', idempotencyExpiry: when });
  await client.invokeAdHoc(seed, { idempotencyExpiry: 1785312000 });
  await client.invokeByTemplate('t', { recipient: 'u' }, { idempotencyExpiry: '2026-07-29T12:00:00Z' });
  assert.deepEqual(server.requests.map((r) => r.headers['x-idempotency-expiration']), ['2026-07-29T12:00:00.000Z', '1785312000', '2026-07-29T12:00:00Z']);
  assert.equal(server.requests[0].headers['idempotency-key'], 'order-ORD-456-user-123');
  for (const bad of [new Date(NaN), Infinity, 'a\nb', {}]) {
    await assert.rejects(client.invokeAdHoc(seed, { idempotencyExpiry: /** @type {any} */ (bad) }), TypeError);
  }
  assert.equal(server.requests.length, 3);
});

test('a 2xx without a runId is an APIError and is not retried (the run may have started)', async (t) => {
  const server = await startServer((_q, res) => reply(res, 200, '<html>proxy page</html>'));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  await assert.rejects(client.invokeAdHoc(seed), (err) => {
    assert.equal(err.constructor, APIError);
    assert.equal(err.status, 200);
    assert.equal(err.body, '<html>proxy page</html>');
    assert.match(err.message, /^200 unexpected response/);
    assert.equal(err.idempotencyKey, server.requests[0].headers['idempotency-key']);
    return true;
  });
  assert.equal(server.requests.length, 1);
});

test('a redirect is reported, not followed: the key never goes to the Location', async (t) => {
  const elsewhere = await startServer(ok());
  t.after(() => elsewhere.close());
  const server = await startServer((_q, res) => reply(res, 307, undefined, { location: `${elsewhere.url}/steal` }));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  await assert.rejects(client.invokeAdHoc(seed), (err) => err instanceof APIError && err.status === 307 && /redirect not followed/.test(err.message));
  assert.equal(server.requests.length, 1);
  assert.equal(elsewhere.requests.length, 0);
});

test('a custom fetch is called with the global as `this`, and the global fetch is looked up per call', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  /** @type {unknown[]} */
  const thisValues = [];
  const client = new AutomationsClient({
    apiKey: TEST_KEY, baseURL: server.url,
    fetch: function (url, init) { thisValues.push(this); return fetch(url, init); },
  });
  await client.invokeAdHoc(seed);
  assert.deepEqual(thisValues, [undefined]);

  const realFetch = globalThis.fetch;
  let calls = 0;
  globalThis.fetch = (url, init) => { calls++; return realFetch(url, init); };
  try {
    const lazy = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
    await lazy.invokeAdHoc(seed);
  } finally {
    globalThis.fetch = realFetch;
  }
  assert.equal(calls, 1);
  assert.equal(server.requests.length, 2);
});
