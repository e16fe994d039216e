// Constructor options as the SDK reads them: baseURL from COURIER_BASE_URL, and unknown options
// refused with the nearest valid name (a misspelt option used to be ignored silently).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { AutomationsClient, DEFAULT_BASE_URL } from 'courier-automations-wasm/client';
import { editDistance, nearest } from '../../../js/client/nearest.js';
import { startServer, ok, installRejectionTripwire, TEST_KEY, withEnv } from './recording-server.js';

installRejectionTripwire();
const seed = JSON.parse(await readFile(new URL('../../fixtures/valid/seed-example.json', import.meta.url), 'utf8'));

const withEnvBaseURL = (value, fn) => withEnv('COURIER_BASE_URL', value, fn);

test('baseURL defaults to process.env.COURIER_BASE_URL: requests go to the server it names', async (t) => {
  const server = await startServer(ok('1-env'));
  t.after(() => server.close());
  const client = withEnvBaseURL(`  ${server.url}/prefix/  `, () => new AutomationsClient({ apiKey: TEST_KEY }));
  assert.equal(client.baseURL, `${server.url}/prefix`, 'trimmed as the SDK trims it; the path prefix is kept');
  assert.deepEqual(await client.invokeAdHoc(seed), { runId: '1-env' });
  assert.equal(server.requests.length, 1);
  assert.equal(server.requests[0].url, '/prefix/automations/invoke');
  assert.equal(server.requests[0].headers.authorization, `Bearer ${TEST_KEY}`);
});

test('an explicit baseURL wins over COURIER_BASE_URL; unset or empty means the default', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  const client = withEnvBaseURL('http://127.0.0.1:9/not-here', () => new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url }));
  await client.invokeAdHoc(seed);
  assert.equal(server.requests.length, 1);
  assert.equal(withEnvBaseURL(undefined, () => new AutomationsClient({ apiKey: TEST_KEY })).baseURL, DEFAULT_BASE_URL);
  assert.equal(withEnvBaseURL('', () => new AutomationsClient({ apiKey: TEST_KEY })).baseURL, DEFAULT_BASE_URL);
  assert.equal(withEnvBaseURL('   ', () => new AutomationsClient({ apiKey: TEST_KEY })).baseURL, DEFAULT_BASE_URL);
});

test('a COURIER_BASE_URL that is not an http(s) URL is refused, naming the variable', () => {
  for (const value of ['api.courier.com', 'ftp://api.courier.com']) {
    assert.throws(() => withEnvBaseURL(value, () => new AutomationsClient({ apiKey: TEST_KEY })),
      (err) => err instanceof TypeError && /COURIER_BASE_URL/.test(err.message), value);
  }
  assert.throws(() => new AutomationsClient({ apiKey: TEST_KEY, baseURL: 'api.courier.com' }),
    (err) => err instanceof TypeError && !/COURIER_BASE_URL/.test(err.message) && /baseURL/.test(err.message));
});

test('an unknown constructor option is a TypeError naming it and the nearest valid one; nothing is sent', async (t) => {
  const server = await startServer(ok());
  t.after(() => server.close());
  const cases = [
    ['maxRetrys', 'maxRetries'], ['maxRetires', 'maxRetries'], ['baseUrl', 'baseURL'], ['api_key', 'apiKey'],
    ['timeOut', 'timeout'], ['validate', 'validator'], ['dangerouslyAllowBrowsers', 'dangerouslyAllowBrowser'],
    ['fetchh', 'fetch'],
  ];
  for (const [wrong, right] of cases) {
    assert.throws(
      () => new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, .../** @type {any} */ ({ [wrong]: 5 }) }),
      (err) => {
        assert.ok(err instanceof TypeError, wrong);
        assert.match(err.message, new RegExp(`unknown option "${wrong}"; did you mean "${right}"\\?`), wrong);
        assert.ok(!err.message.includes(TEST_KEY));
        return true;
      },
    );
  }
  // Even when undefined: a misspelt name is a mistake whatever its value.
  assert.throws(() => new AutomationsClient({ apiKey: TEST_KEY, .../** @type {any} */ ({ maxRetrys: undefined }) }), TypeError);
  // The SDK's options this client does not have are named too.
  assert.throws(() => new AutomationsClient({ apiKey: TEST_KEY, .../** @type {any} */ ({ defaultHeaders: {} }) }), /unknown option "defaultHeaders"/);
  assert.equal(server.requests.length, 0);
  // Every valid option is still accepted.
  assert.doesNotThrow(() => new AutomationsClient({
    apiKey: TEST_KEY, baseURL: server.url, timeout: 1, maxRetries: 0, fetch, validator: () => ({ valid: true, errors: [], warnings: [] }),
    dangerouslyAllowBrowser: false,
  }));
});

test('editDistance: Damerau-Levenshtein, case-insensitive; nearest prefers the first of equals', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', ''), 0);
  assert.equal(editDistance('abc', ''), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('ab', 'ba'), 1, 'a swap of neighbours is one edit');
  assert.equal(editDistance('maxRetrys', 'maxRetries'), 2);
  assert.equal(editDistance('BASEURL', 'baseURL'), 0);
  assert.equal(nearest('x', ['aa', 'bb']), 'aa');
  assert.equal(nearest('bb', ['aa', 'bb']), 'bb');
});
