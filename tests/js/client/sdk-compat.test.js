// Wire compatibility with the official SDK, @trycourier/courier 7.10.2, used as a real client
// against the same recording server.
//
// What SDK 7.10.2 does with idempotency (found by reading node_modules/@trycourier/courier
// and checked by the tests below):
// - invokeAdHoc(body, options) / invokeByTemplate(id, body, options) post `body` verbatim as
//   JSON. There are no Idempotency-Key / x-idempotency-expiration params yet (they arrived
//   in 7.22.0, which pulls them out of params into headers). Passing them as params the way
//   the 7.22+ docs show puts them into the JSON BODY, and no header is sent.
// - The request option `idempotencyKey` exists in RequestOptions but does nothing: the
//   client's `idempotencyHeader` is never set, so buildHeaders() skips it.
// - The only way to send the header is the generic `headers` request option.
// - No key is generated automatically, so its retries of a POST carry none: a 5xx or a lost
//   response followed by a retry can start a second run.
// - Its path encoder (encodeURIPath) leaves RFC 3986 sub-delims and ':' '@' unescaped where
//   encodeURIComponent escapes some of them; both are valid encodings of the same segment,
//   so the ids below stick to characters both encode alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import Courier from '@trycourier/courier';
import { AutomationsClient } from 'courier-automations-wasm/client';
import { startServer, reply, courierError, sequence, ok, installRejectionTripwire, TEST_KEY } from './recording-server.js';

installRejectionTripwire();
const seed = JSON.parse(await readFile(new URL('../../fixtures/valid/seed-example.json', import.meta.url), 'utf8'));
const sdkPkg = JSON.parse(await readFile(new URL('../../../node_modules/@trycourier/courier/package.json', import.meta.url), 'utf8'));

/** The parts of a request both clients must agree on. */
const essentials = (r) => ({
  method: r.method, url: r.url, json: r.json,
  authorization: r.headers.authorization, contentType: r.headers['content-type'], accept: r.headers.accept,
});

test('the SDK under test is 7.10.2', () => {
  assert.equal(sdkPkg.version, '7.10.2');
});

test('invokeAdHoc: same method, path, JSON body and auth as the SDK, and the same result', async (t) => {
  const server = await startServer(ok('1-65f240a0-47a6a120c8374de9bcf9f22c'));
  t.after(() => server.close());
  const sdk = new Courier({ apiKey: TEST_KEY, baseURL: server.url });
  const ours = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  const a = await sdk.automations.invoke.invokeAdHoc(seed);
  const b = await ours.invokeAdHoc(seed);
  assert.deepEqual(b, { runId: a.runId });
  const [fromSdk, fromUs] = server.requests;
  assert.deepEqual(essentials(fromUs), essentials(fromSdk));
  assert.equal(fromUs.url, '/automations/invoke');
  assert.deepEqual(fromUs.json, seed);
  assert.match(String(fromSdk.headers['user-agent']), /^Courier\/JS 7\.10\.2/);
});

test('invokeByTemplate: same method, encoded path, JSON body and auth as the SDK', async (t) => {
  const server = await startServer(ok('r-t'));
  t.after(() => server.close());
  const sdk = new Courier({ apiKey: TEST_KEY, baseURL: server.url });
  const ours = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  const body = { recipient: seed.recipient, data: seed.data, profile: seed.profile, brand: null };
  for (const id of ['64TP5HKPFTM8VTK1Y75SJDQX9JK0', 'welcome flow/v2?x#y%z']) {
    await sdk.automations.invoke.invokeByTemplate(id, body);
    await ours.invokeByTemplate(id, body);
    const [fromSdk, fromUs] = server.requests.slice(-2);
    assert.deepEqual(essentials(fromUs), essentials(fromSdk), id);
  }
  assert.equal(server.requests[3].url, '/automations/welcome%20flow%2Fv2%3Fx%23y%25z/invoke');
});

test('SDK 7.10.2 idempotency: params go to the body, options.idempotencyKey is ignored, only options.headers works', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  const sdk = new Courier({ apiKey: TEST_KEY, baseURL: server.url });
  const ours = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });

  // 1. The 7.22+ way (params): ends up in the JSON body, no header.
  await sdk.automations.invoke.invokeAdHoc(/** @type {any} */ ({ ...seed, 'Idempotency-Key': 'order-ORD-456-user-123', 'x-idempotency-expiration': '1785312000' }));
  // 2. The generic request option: silently dropped.
  await sdk.automations.invoke.invokeAdHoc(seed, /** @type {any} */ ({ idempotencyKey: 'order-ORD-456-user-123' }));
  // 3. Raw headers: works.
  await sdk.automations.invoke.invokeAdHoc(seed, { headers: { 'Idempotency-Key': 'order-ORD-456-user-123', 'x-idempotency-expiration': '1785312000' } });
  // Ours, for comparison.
  await ours.invokeAdHoc(seed, { idempotencyKey: 'order-ORD-456-user-123', idempotencyExpiry: 1785312000 });

  const [params, option, headers, mine] = server.requests;
  assert.equal(params.json['Idempotency-Key'], 'order-ORD-456-user-123');
  assert.equal(params.json['x-idempotency-expiration'], '1785312000');
  assert.equal(params.headers['idempotency-key'], undefined);
  assert.equal(option.headers['idempotency-key'], undefined);
  assert.deepEqual(option.json, seed);
  assert.equal(headers.headers['idempotency-key'], 'order-ORD-456-user-123');
  assert.equal(headers.headers['x-idempotency-expiration'], '1785312000');
  // With raw headers the SDK and we put the same thing on the wire.
  assert.deepEqual(essentials(mine), essentials(headers));
  assert.equal(mine.headers['idempotency-key'], headers.headers['idempotency-key']);
  assert.equal(mine.headers['x-idempotency-expiration'], headers.headers['x-idempotency-expiration']);
});

test('on a 500 then 200, the SDK retries without any key; we retry with the same one', async (t) => {
  // retry-after-ms: 1 keeps the SDK from sleeping its default 0.5 s backoff.
  const fail = (_q, res) => reply(res, 500, courierError('boom'), { 'retry-after-ms': '1' });
  const server = await startServer(sequence([fail, ok('r-1'), fail, ok('r-2')]));
  t.after(() => server.close());
  await new Courier({ apiKey: TEST_KEY, baseURL: server.url }).automations.invoke.invokeAdHoc(seed);
  await new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url }).invokeAdHoc(seed);
  const keys = server.requests.map((r) => r.headers['idempotency-key']);
  assert.deepEqual(keys.slice(0, 2), [undefined, undefined], 'SDK 7.10.2: a retried POST without a key');
  assert.ok(keys[2] && keys[2] === keys[3], 'ours: one key for both attempts');
  assert.deepEqual(server.requests[0].json, server.requests[2].json);
});
