/**
 * What every runtime test runs against the installed package, in Node, Deno, Chromium and
 * workerd alike: the same calls, the same JSON-able result. Adding a call of the public API
 * to every runtime test is one line here (plus its assertion in tests/runtime/expect.js).
 * @param {typeof import('courier-automations-wasm')} api the package's public API, after init()
 * @param {string} seed the seed example as JSON text
 */
export async function probe(api, seed) {
  const result = { version: api.version(), normalized: api.normalize(seed) };
  if (typeof api.validate === 'function') result.validate = api.validate(seed, { level: 'courier' });
  if (typeof api.dryRun === 'function') result.dryRun = await api.dryRun(JSON.parse(seed), { now: '2024-04-01T00:00:00Z' });
  return result;
}
