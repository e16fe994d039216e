// One error class per status, shaped like the SDK's, with body, headers, requestId and key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  AutomationsClient, CourierClientError, APIError, BadRequestError, AuthenticationError,
  PermissionDeniedError, NotFoundError, ConflictError, UnprocessableEntityError, RateLimitError,
  InternalServerError, ConnectionError, TimeoutError, AbortError,
  APIConnectionError, APIConnectionTimeoutError, APIUserAbortError,
} from 'courier-automations-wasm/client';
import * as sdk from '@trycourier/courier';
import { startServer, reply, courierError, hang, installRejectionTripwire, TEST_KEY } from './recording-server.js';

installRejectionTripwire();
const seed = JSON.parse(await readFile(new URL('../../fixtures/valid/seed-example.json', import.meta.url), 'utf8'));

const table = [
  [400, BadRequestError], [401, AuthenticationError], [403, PermissionDeniedError], [404, NotFoundError],
  [409, ConflictError], [422, UnprocessableEntityError], [429, RateLimitError], [500, InternalServerError],
  [503, InternalServerError], [418, APIError],
];

test('each status becomes its error class, with Courier\'s body, plain headers, requestId and the Idempotency-Key', async (t) => {
  const server = await startServer((req, res) => {
    const status = Number(req.headers['x-want']); // which status to answer: set by the test's fetch
    reply(res, status, courierError(`Invalid Steps Definition: status ${status}`), { 'x-request-id': `req-${status}` });
  });
  t.after(() => server.close());
  for (const [status, Cls] of table) {
    // maxRetries 0: 409/429/5xx would otherwise be retried (tested in retry.test.js).
    const client = new AutomationsClient({
      apiKey: TEST_KEY, baseURL: server.url, maxRetries: 0,
      fetch: (url, init) => fetch(url, { ...init, headers: { ...init.headers, 'x-want': String(status) } }),
    });
    await assert.rejects(client.invokeAdHoc(seed), (err) => {
      assert.equal(err.constructor, Cls, `status ${status}`);
      assert.ok(err instanceof APIError && err instanceof CourierClientError && err instanceof Error);
      assert.equal(err.name, Cls.name);
      assert.equal(err.status, status);
      assert.equal(err.message, `${status} Invalid Steps Definition: status ${status}`);
      assert.deepEqual(err.body, { message: `Invalid Steps Definition: status ${status}`, type: 'invalid_request_error' });
      assert.equal(Object.getPrototypeOf(err.headers), Object.prototype);
      assert.equal(err.headers['x-request-id'], `req-${status}`);
      assert.equal(err.headers['content-type'], 'application/json');
      assert.equal(err.requestId, `req-${status}`);
      assert.equal(err.idempotencyKey, server.requests.at(-1).headers['idempotency-key']);
      return true;
    });
  }
  assert.equal(server.requests.length, table.length);
});

test('messages follow the SDK: body.message, else the JSON body, else the text, else "(no body)"', async (t) => {
  const bodies = [
    [400, { message: 'Bad step' }, '400 Bad step', { message: 'Bad step' }],
    [400, { error: 'x' }, '400 {"error":"x"}', { error: 'x' }],
    [422, { message: { field: 'steps' } }, '422 {"field":"steps"}', { message: { field: 'steps' } }],
    [502, 'Bad Gateway', '502 Bad Gateway', 'Bad Gateway'],
    [404, undefined, '404 status code (no body)', undefined],
  ];
  let i = 0;
  const server = await startServer((_q, res) => { const [s, b] = bodies[i++]; reply(res, s, b); });
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, maxRetries: 0 });
  for (const [status, , message, body] of bodies) {
    await assert.rejects(client.invokeAdHoc(seed), (err) => {
      assert.equal(err.status, status);
      assert.equal(err.message, message);
      assert.deepEqual(err.body, body);
      return true;
    });
  }
});

test('no request id header means requestId is undefined; x-amzn-requestid is recognised', async (t) => {
  let i = 0;
  const server = await startServer((_q, res) => reply(res, 400, courierError('x'), i++ ? { 'x-amzn-requestid': 'amzn-1' } : {}));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  await assert.rejects(client.invokeAdHoc(seed), (err) => err.requestId === undefined && !('x-request-id' in err.headers));
  await assert.rejects(client.invokeAdHoc(seed), (err) => err.requestId === 'amzn-1');
});

test('JSON.stringify(error) shows the useful fields', async (t) => {
  const server = await startServer((_q, res) => reply(res, 404, courierError('Not found'), { 'x-request-id': 'r9' }));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  await assert.rejects(client.invokeByTemplate('missing', { recipient: 'u' }, { idempotencyKey: 'k-1' }), (err) => {
    const json = JSON.parse(JSON.stringify(err));
    assert.equal(json.name, 'NotFoundError');
    assert.equal(json.message, '404 Not found');
    assert.equal(json.status, 404);
    assert.equal(json.requestId, 'r9');
    assert.equal(json.idempotencyKey, 'k-1');
    assert.deepEqual(json.body, courierError('Not found'));
    return true;
  });
});

test('connection, timeout and abort errors are APIErrors without a status, under this package\'s names and the SDK\'s', async (t) => {
  // A server that drops the socket (connection), one that never answers (timeout, abort).
  const dropping = await startServer((_q, _res, _i, raw) => { raw.socket.destroy(); });
  const hanging = await startServer(hang);
  t.after(() => Promise.all([dropping.close(), hanging.close()]));
  const connection = await new AutomationsClient({ apiKey: TEST_KEY, baseURL: dropping.url, maxRetries: 0 })
    .invokeAdHoc(seed).then(() => assert.fail('should fail'), (e) => e);
  const timeout = await new AutomationsClient({ apiKey: TEST_KEY, baseURL: hanging.url, maxRetries: 0, timeout: 50 })
    .invokeAdHoc(seed).then(() => assert.fail('should fail'), (e) => e);
  const controller = new AbortController();
  const pending = new AutomationsClient({ apiKey: TEST_KEY, baseURL: hanging.url }).invokeAdHoc(seed, { signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  const abort = await pending.then(() => assert.fail('should fail'), (e) => e);

  for (const [err, Ours, Sdk, name] of [
    [connection, ConnectionError, APIConnectionError, 'ConnectionError'],
    [timeout, TimeoutError, APIConnectionTimeoutError, 'TimeoutError'],
    [abort, AbortError, APIUserAbortError, 'AbortError'],
  ]) {
    assert.equal(err.constructor, Ours, name);
    assert.equal(err.name, name);
    // Both names, both ways: the aliases are the classes themselves.
    assert.ok(err instanceof Ours && err instanceof Sdk, name);
    assert.ok(new Sdk() instanceof Ours && new Ours() instanceof Sdk, name);
    assert.ok(err instanceof APIError && err instanceof CourierClientError && err instanceof Error, name);
    assert.equal(err.status, undefined, name);
    assert.equal(err.body, undefined, name);
    assert.equal(typeof err.idempotencyKey, 'string', name);
    const sent = (name === 'ConnectionError' ? dropping : hanging).requests.map((r) => r.headers['idempotency-key']);
    assert.ok(sent.includes(err.idempotencyKey), `${name} carries the key it was sent with`);
  }
  assert.ok(timeout instanceof ConnectionError && timeout instanceof APIConnectionError, 'a timeout is a connection error, as in the SDK');
  assert.ok(!(abort instanceof ConnectionError), 'an abort is not a connection error, as in the SDK');
  assert.ok(!(connection instanceof TimeoutError));
});

test('the hierarchy is the SDK\'s: every subclass relation among the SDK\'s error names holds here too, and no other', () => {
  const names = ['APIError', 'APIConnectionError', 'APIConnectionTimeoutError', 'APIUserAbortError', 'BadRequestError',
    'AuthenticationError', 'PermissionDeniedError', 'NotFoundError', 'ConflictError', 'UnprocessableEntityError',
    'RateLimitError', 'InternalServerError'];
  const ours = {
    APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, BadRequestError, AuthenticationError,
    PermissionDeniedError, NotFoundError, ConflictError, UnprocessableEntityError, RateLimitError, InternalServerError,
  };
  const extendsOrIs = (A, B) => A === B || A.prototype instanceof B;
  for (const a of names) {
    assert.equal(typeof sdk[a], 'function', `the SDK exports ${a}`);
    for (const b of names) {
      assert.equal(extendsOrIs(ours[a], ours[b]), extendsOrIs(sdk[a], sdk[b]), `${a} extends ${b}`);
    }
  }
});

test('an error without a status says so in the SDK\'s words', () => {
  assert.equal(APIError.makeMessage(undefined, undefined), '(no status code or body)');
  assert.equal(new ConnectionError().message, 'Connection error.');
  assert.equal(new APIConnectionTimeoutError().message, 'Request timed out.');
  assert.equal(new APIUserAbortError().message, 'Request was aborted.');
  assert.equal(APIError.from({ status: undefined }).constructor, APIError);
});
