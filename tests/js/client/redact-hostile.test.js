// Redaction never throws and leaves no key in anything reachable from an error, whatever a
// custom fetch throws (issue 14 item 11); and it redacts the key as a token, so a toy key
// ('e') never garbles a server's message while a real one never leaks (item 12). Both
// directions, through the real client against a real server, and on redact.js itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { readFile } from 'node:fs/promises';
import { AutomationsClient, ConnectionError, BadRequestError, AuthenticationError } from 'courier-automations-wasm/client';
import { redactCause, redactDeep, redactString, REDACTED } from '../../../js/client/redact.js';
import { startServer, reply, installRejectionTripwire, TEST_KEY } from './recording-server.js';

installRejectionTripwire();
const seed = JSON.parse(await readFile(new URL('../../fixtures/valid/seed-example.json', import.meta.url), 'utf8'));

/** Every string reachable from an error: message, toString, inspect, stack, JSON, the cause chain. */
function renderings(err) {
  const out = [];
  const seen = new Set();
  const visit = (e, depth) => {
    if (e === undefined || e === null || depth > 12 || seen.has(e)) return;
    seen.add(e);
    out.push(String(e), String(e.message), String(e.stack ?? ''), inspect(e, { showHidden: true, depth: Infinity, getters: true }));
    out.push(JSON.stringify(e, (_k, v) => (typeof v === 'bigint' ? String(v) : v)) ?? '');
    visit(e.cause, depth + 1);
    if (Array.isArray(e.errors)) for (const x of e.errors) visit(x, depth + 1);
  };
  visit(err, 0);
  return out;
}

function assertNoKey(err, key = TEST_KEY) {
  for (const text of renderings(err)) assert.ok(!text.includes(key), `key leaked in: ${text.slice(0, 300)}`);
}

/** Things a hostile or broken fetch may throw; each holds the key somewhere a naive copy reads. */
const hostile = {
  'an object whose message getter throws an Error carrying the key': () => ({
    get message() { throw new Error(`getter saw Bearer ${TEST_KEY}`); },
    name: 'FetchError',
  }),
  'an Error whose toString and stack getter throw or carry the key': () => {
    const e = new Error(`failed for ${TEST_KEY}`);
    Object.defineProperty(e, 'stack', { get() { throw new Error(TEST_KEY); } });
    e.toString = () => { throw new Error(TEST_KEY); };
    return e;
  },
  'an object whose name, code and cause getters throw the key': () => ({
    message: 'boom',
    get name() { throw new Error(TEST_KEY); },
    get code() { throw new Error(TEST_KEY); },
    get cause() { throw Object.assign(new Error(TEST_KEY), { key: TEST_KEY }); },
  }),
  'a Proxy that throws the key from every trap': () => new Proxy({}, {
    get() { throw new Error(TEST_KEY); },
    has() { throw new Error(TEST_KEY); },
    ownKeys() { throw new Error(TEST_KEY); },
    getOwnPropertyDescriptor() { throw new Error(TEST_KEY); },
    getPrototypeOf() { throw new Error(TEST_KEY); },
  }),
  'a message that is an object whose toString returns the key': () => ({ message: { toString: () => `Bearer ${TEST_KEY}` } }),
  'a message whose toString throws the key': () => ({ message: { toString() { throw new Error(TEST_KEY); } } }),
  'a cyclic cause chain quoting the key': () => {
    const a = new Error(`a ${TEST_KEY}`);
    const b = new Error(`b ${TEST_KEY}`, { cause: a });
    a.cause = b;
    return a;
  },
  'an AggregateError whose errors carry the key': () => new AggregateError([new Error(`connect ${TEST_KEY}`), { message: TEST_KEY }], `all failed ${TEST_KEY}`),
  'a Symbol': () => Symbol(TEST_KEY),
  'a function with the key as its name': () => ({ [TEST_KEY]: () => {} })[TEST_KEY],
};

for (const [name, make] of Object.entries(hostile)) {
  test(`redactCause never throws and keeps no key: ${name}`, () => {
    const copy = redactCause(make(), TEST_KEY);
    assert.ok(copy instanceof Error);
    assertNoKey(copy);
  });

  test(`the client rejects with a ConnectionError carrying no key when fetch throws ${name}`, async () => {
    const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: 'http://127.0.0.1:9', maxRetries: 0, fetch: async () => { throw make(); } });
    const err = await client.invokeAdHoc(seed).then(() => assert.fail('should fail'), (e) => e);
    assert.ok(err instanceof ConnectionError, `${err?.name}: ${err?.message}`);
    assertNoKey(err);
  });
}

test('redactDeep: a value that cannot be read is a placeholder, never an exception', () => {
  const trap = new Proxy({}, { ownKeys() { throw new Error(TEST_KEY); } });
  assert.deepEqual(redactDeep({ ok: 'fine', trap }, TEST_KEY), { ok: 'fine', trap: REDACTED });
});

test('a real key: redacted as sent, inside other text, JSON-escaped and percent-encoded', () => {
  const key = 'sk/live+"quoted"\\key_0123';
  const json = JSON.stringify(key).slice(1, -1);
  const cases = [
    key, `Bearer ${key}`, `prefix${key}suffix`, `{"auth":"${json}"}`, `?token=${encodeURIComponent(key)}&x=1`,
  ];
  for (const text of cases) {
    const out = redactString(text, key);
    assert.ok(!out.includes(key) && !out.includes(json) && !out.includes(encodeURIComponent(key)), `${text} -> ${out}`);
    assert.ok(out.includes(REDACTED));
  }
  assert.equal(redactString(`Bearer ${TEST_KEY}`, TEST_KEY), `Bearer ${REDACTED}`);
});

test('a toy key (\'e\'): server text is left alone; only Authorization values and exact matches are redacted', () => {
  const message = 'Invalid Steps Definition: /automation/steps/0/template: message template "welcome" needs a recipient (line 1:42)';
  assert.equal(redactString(message, 'e'), message);
  assert.equal(redactString('application/json; charset=utf-8', 'e'), 'application/json; charset=utf-8');
  assert.equal(redactString('e.g. see the docs', 'e'), 'e.g. see the docs');
  assert.equal(redactString('e', 'e'), REDACTED);
  assert.equal(redactString('Unauthorized: Bearer e', 'e'), `Unauthorized: Bearer ${REDACTED}`);
  assert.equal(redactString('bearer e, then more', 'e'), `bearer ${REDACTED}, then more`);
  assert.equal(redactString('Bearer eager', 'e'), 'Bearer eager', 'another token that starts with the key');
  assert.deepEqual(redactDeep({ message: 'message', echo: 'e', nested: ['e', 'ee'] }, 'e'), { message: 'message', echo: REDACTED, nested: [REDACTED, 'ee'] });
});

test('through the client: a toy key does not mangle the server\'s message or headers; an echoed Authorization is still redacted', async (t) => {
  const message = 'Invalid Steps Definition: /automation/steps/0/template: the message needs a template';
  const server = await startServer((req, res) => (req.headers.authorization === 'Bearer e'
    ? reply(res, 400, { message, type: 'invalid_request_error', echo: req.headers.authorization }, { 'x-request-id': 'req-e1' })
    : reply(res, 401, { message: 'no' })));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: 'e', baseURL: server.url, maxRetries: 0 });
  const err = await client.invokeAdHoc(seed).then(() => assert.fail('should fail'), (e) => e);
  assert.ok(err instanceof BadRequestError, `${err?.name}: ${err?.message}`);
  assert.equal(err.message, `400 ${message}`);
  assert.equal(err.body.message, message);
  assert.equal(err.body.type, 'invalid_request_error');
  assert.equal(err.body.echo, `Bearer ${REDACTED}`);
  assert.match(err.headers['content-type'], /^application\/json/);
  assert.equal(err.requestId, 'req-e1');
});

test('through the client: a real key echoed inside words, headers and bodies never comes back', async (t) => {
  const server = await startServer((req, res) => reply(res, 401,
    { message: `token=${encodeURIComponent(TEST_KEY)} raw=x${TEST_KEY}x`, [TEST_KEY]: TEST_KEY },
    { 'x-echo': `k${TEST_KEY}k` }));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, maxRetries: 0 });
  const err = await client.invokeAdHoc(seed).then(() => assert.fail('should fail'), (e) => e);
  assert.ok(err instanceof AuthenticationError);
  assertNoKey(err);
  assert.ok(!JSON.stringify(err.headers).includes(TEST_KEY));
  assert.ok(!JSON.stringify(err.body).includes(TEST_KEY));
});
