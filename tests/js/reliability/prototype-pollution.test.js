/**
 * `__proto__`, `constructor` and `prototype` keys anywhere in a payload, a scenario, a fixture,
 * a webhook fixture or a fetch resolver's answer never change a JS prototype when reports and
 * traces are turned into objects: Object.prototype stays clean, and every returned object is a
 * plain object whose prototype is Object.prototype (the keys come back as own properties).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, validate, normalize, dryRun, dryRunSync, Simulator, ValidationError } from 'courier-automations-wasm/dry-run';

const HOSTILE = ['__proto__', 'constructor', 'prototype'];
const poison = () => JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},' +
  '"prototype":{"polluted":"yes"}}');

/** Adds the hostile keys to every object in `value` (JSON.parse makes them own properties). */
function infect(value) {
  if (Array.isArray(value)) return value.map(infect);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k] = infect(v);
  return JSON.parse(JSON.stringify(out).replace(/^\{/, `{${JSON.stringify(poison()).slice(1, -1)},`).replace(/,\}$/, '}'));
}

function assertClean(what) {
  assert.equal(({}).polluted, undefined, `${what}: Object.prototype was polluted`);
  assert.equal(Object.prototype.polluted, undefined, what);
  assert.equal(Object.getPrototypeOf({}), Object.prototype, what);
  assert.equal(typeof Object.prototype.constructor, 'function', what);
  assert.equal([].polluted, undefined, what);
}

/** Every object in a returned value is plain (prototype Object.prototype or Array.prototype). */
function assertPlain(value, where = '') {
  if (value === null || typeof value !== 'object') return;
  const proto = Object.getPrototypeOf(value);
  assert.ok(proto === Object.prototype || proto === Array.prototype, `${where}: prototype is not Object/Array.prototype`);
  // "polluted" may be an own property (the payload's own data), never an inherited one.
  if (!Object.hasOwn(value, 'polluted')) assert.equal(value.polluted, undefined, `${where}: inherits "polluted"`);
  for (const key of Object.keys(value)) assertPlain(value[key], `${where}/${key}`);
}

const body = () => ({
  recipient: 'u1', template: 'T', data: { a: 1 }, profile: { email: 'u@x.test' },
  automation: { cancelation_token: 'tok', steps: [
    { action: 'fetch-data', webhook: { url: 'https://x.test/hook', method: 'POST', body: { b: 2 }, headers: { h: 'v' } }, merge_strategy: 'soft-merge' },
    { action: 'update-profile', recipient_id: 'u1', profile: { p: 1 }, merge: 'overwrite' },
    { action: 'send', template: 'T', if: 'data.a === 1' },
    { action: 'send-list', list: 'L', template: 'T' },
    { action: 'invoke', template: 'child', context: { data: { c: 3 } } },
    { action: 'delay', duration: '1 hour' },
    { action: 'cancel', cancelation_token: 'other' },
  ] },
});
const fixtures = () => ({
  templates: { child: { automation: { steps: [{ action: 'send', template: 'C' }] } } },
  lists: { L: ['u2', 'u3'] },
  profiles: { u2: { email: 'u2@x.test' } },
  webhooks: [{ method: 'POST', url: 'https://x.test/hook', response: { plan: 'pro' } }],
});

test('payloads, scenarios, fixtures and webhook answers with __proto__/constructor/prototype at every level', async () => {
  await init();
  const payload = infect(body());
  assert.ok(Object.hasOwn(payload, '__proto__') && Object.hasOwn(payload.automation.steps[0], 'constructor'));
  const text = JSON.stringify(payload);
  for (const input of [payload, text, new TextEncoder().encode(text)]) {
    for (const level of ['courier', 'schema']) {
      const report = validate(input, { level });
      assertPlain(report, 'report');
      assertClean('validate');
    }
    try {
      assertPlain(JSON.parse(normalize(input)), 'normalize');
    } catch (e) {
      assert.ok(e instanceof ValidationError);
      assertPlain(e.report, 'normalize report');
    }
    assertClean('normalize');
  }
  const scenario = infect({ now: '2024-01-01T00:00:00Z', fixtures: fixtures(), invocations: [{ request: body() }] });
  for (const input of [scenario, JSON.stringify(scenario)]) {
    try {
      const trace = dryRunSync(input);
      assertPlain(trace, 'trace');
    } catch (e) {
      assert.ok(e instanceof ValidationError, String(e));
      assertPlain(e.report, 'dry-run report');
    }
    assertClean('dryRunSync');
  }
  // Not infected everywhere (so the scenario is valid), but every data-bearing place infected.
  const valid = { now: '2024-01-01T00:00:00Z', fixtures: fixtures(), invocations: [{ request: body() }] };
  valid.fixtures.webhooks[0].response = poison();
  valid.fixtures.profiles.u2 = poison();
  valid.invocations[0].request.data = infect({ a: 1, nested: { deep: [{ x: 1 }] } });
  valid.invocations[0].request.profile = poison();
  const trace = dryRunSync(valid);
  assert.ok(trace.messages.length >= 1, JSON.stringify(trace.error));
  assertPlain(trace, 'trace');
  assertClean('dryRunSync valid');
  const data = trace.messages.find((m) => m.data && Object.hasOwn(m.data, '__proto__'))?.data;
  assert.ok(data, 'the __proto__ key is kept as data');
  assert.equal(Object.getPrototypeOf(data), Object.prototype);
});

test('a fetch resolver answering with __proto__ keys, and Simulator traces', async () => {
  await init();
  const b = body();
  b.automation.steps[0].webhook.url = 'https://x.test/no-fixture';
  const trace = await dryRun({ now: '2024-01-01T00:00:00Z', fixtures: fixtures(), invocations: [{ request: b }] },
    { fetch: async () => poison() });
  assertPlain(trace, 'trace');
  assertClean('dryRun with resolver');
  const sim = await Simulator.create({ fixtures: { profiles: infect({ u9: { a: 1 } }) }, fetch: async () => infect({ z: { y: 1 } }) });
  try {
    sim.invoke(b);
    await sim.runUntilIdle();
    assertPlain(sim.trace(), 'simulator trace');
  } finally {
    sim.delete();
  }
  assertClean('Simulator');
  for (const key of HOSTILE) assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, `${key}x`), false);
});
