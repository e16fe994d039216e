// The constructor: API key sources, the browser guard, option checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import { AutomationsClient, CourierClientError } from 'courier-automations-wasm/client';
import { VERSION } from '../../../js/version.js';
import { startServer, ok, installRejectionTripwire, TEST_KEY, withEnv } from './recording-server.js';

installRejectionTripwire();
const seed = JSON.parse(await readFile(new URL('../../fixtures/valid/seed-example.json', import.meta.url), 'utf8'));

const withEnvKey = (value, fn) => withEnv('COURIER_API_KEY', value, fn);

/** Runs fn with globalThis.window/document faked as in a page. */
async function inBrowser(fn, { document = true } = {}) {
  const g = /** @type {any} */ (globalThis);
  g.window = g;
  if (document) g.document = {};
  try { return await fn(); } finally {
    delete g.window;
    delete g.document;
  }
}

test('VERSION matches package.json', async () => {
  const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8'));
  assert.equal(VERSION, pkg.version);
});

test('no apiKey and no COURIER_API_KEY: a clear error at construction', () => {
  withEnvKey(undefined, () => {
    assert.throws(() => new AutomationsClient(), (err) => err instanceof CourierClientError && /COURIER_API_KEY/.test(err.message) && /apiKey/.test(err.message));
    assert.throws(() => new AutomationsClient({ apiKey: '' }), /no API key/);
  });
  withEnvKey('', () => assert.throws(() => new AutomationsClient(), /no API key/));
});

test('apiKey defaults to process.env.COURIER_API_KEY; an explicit one wins', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  await withEnvKey('pk_from_env', () => new AutomationsClient({ baseURL: server.url }).invokeAdHoc(seed));
  await withEnvKey('pk_from_env', () => new AutomationsClient({ apiKey: 'pk_explicit', baseURL: server.url }).invokeAdHoc(seed));
  assert.deepEqual(server.requests.map((r) => r.headers.authorization), ['Bearer pk_from_env', 'Bearer pk_explicit']);
});

test('a key that could break a header is refused, and the message does not quote it', () => {
  for (const bad of ['pk_live_abc\r\nX-Evil: 1', 'pk live', 'pk_ünï', 42]) {
    assert.throws(() => new AutomationsClient({ apiKey: /** @type {any} */ (bad) }), (err) => {
      assert.ok(err instanceof CourierClientError);
      assert.ok(!err.message.includes(String(bad)));
      return true;
    });
  }
});

test('in a web page an API key is refused unless dangerouslyAllowBrowser, with the safe pattern explained', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  await inBrowser(async () => {
    assert.throws(() => new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url }), (err) => {
      assert.ok(err instanceof CourierClientError);
      assert.match(err.message, /dangerouslyAllowBrowser: true/);
      assert.match(err.message, /validate and dry-run/);
      assert.match(err.message, /server or edge function/);
      assert.ok(!err.message.includes(TEST_KEY));
      return true;
    });
    const allowed = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, dangerouslyAllowBrowser: true });
    await allowed.invokeAdHoc(seed);
  });
  // In a page the client sets no User-Agent of its own (browsers refuse or preflight it).
  assert.doesNotMatch(String(server.requests[0].headers['user-agent']), /courier-automations-wasm/);
  // A worker-like global (window but no document) is not a page.
  await inBrowser(() => new AutomationsClient({ apiKey: TEST_KEY }), { document: false });
  assert.doesNotThrow(() => new AutomationsClient({ apiKey: TEST_KEY }));
});

test('options are checked at construction', () => {
  const bad = [
    { timeout: 0 }, { timeout: -1 }, { timeout: NaN }, { timeout: Infinity }, { timeout: 2 ** 31 }, { timeout: '5' },
    { maxRetries: -1 }, { maxRetries: 1.5 }, { maxRetries: '2' },
    { fetch: 'fetch' }, { validator: {} }, { baseURL: 'ftp://api.courier.com' }, { baseURL: 'api.courier.com' },
  ];
  for (const options of bad) {
    assert.throws(() => new AutomationsClient({ apiKey: TEST_KEY, .../** @type {any} */ (options) }), TypeError, JSON.stringify(options));
  }
  assert.throws(() => new AutomationsClient(/** @type {any} */ ('key')), TypeError);
  const c = new AutomationsClient({ apiKey: TEST_KEY, timeout: 1500, maxRetries: 0, baseURL: new URL('https://proxy.example/courier') });
  assert.deepEqual(c.toJSON(), { baseURL: 'https://proxy.example/courier', timeout: 1500, maxRetries: 0 });
  assert.deepEqual(new AutomationsClient({ apiKey: TEST_KEY }).toJSON(), { baseURL: 'https://api.courier.com', timeout: 60_000, maxRetries: 2 });
});

test('the client object never shows its key', () => {
  const c = new AutomationsClient({ apiKey: TEST_KEY });
  const views = [
    JSON.stringify(c), inspect(c, { showHidden: true, depth: Infinity, getters: true }), String(c),
    JSON.stringify(Object.getOwnPropertyNames(c)), JSON.stringify(Reflect.ownKeys(c).map(String)),
    JSON.stringify(Object.entries(Object.getOwnPropertyDescriptors(c))),
  ];
  for (const v of views) assert.ok(!v.includes(TEST_KEY), v);
  assert.ok(!inspect(c).includes('SECRET'));
});
