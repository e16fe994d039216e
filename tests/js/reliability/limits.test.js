/**
 * docs/limits.md through the wasm build: each limit gives its documented error, not a trap.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, validate, normalize, dryRun, dryRunSync, ValidationError, instanceReplacements } from '../support/source.js';

const enc = new TextEncoder();
const body = (steps, extra = '') => `{"recipient":"u","template":"T"${extra},"automation":{"steps":${steps}}}`;
const codes = (r) => r.errors.map((e) => e.code);

function expectCode(text, code, { dryRunToo = true } = {}) {
  for (const input of [text, enc.encode(text)]) {
    for (const level of ['courier', 'schema']) assert.ok(codes(validate(input, { level })).includes(code), code);
    assert.throws(() => normalize(input), (e) => e instanceof ValidationError && codes(e.report).includes(code));
    if (dryRunToo) assert.throws(() => dryRunSync(input), (e) => e instanceof ValidationError && codes(e.report).includes(code));
  }
}

test('payload bytes, string bytes and steps', async () => {
  await init();
  expectCode(body('[{"action":"send"}]', `,"data":{"pad":"${'x'.repeat(9 * 1024 * 1024)}"}`), 'limit.payload_bytes',
    // A dry run reads a whole scenario text, bounded by max_scenario_bytes (1 GiB) instead.
    { dryRunToo: false });
  expectCode(body('[{"action":"send"}]', `,"data":{"v":"${'k'.repeat(1024 * 1024 + 1)}"}`), 'limit.string');
  expectCode(body('[{"action":"send"}]', `,"data":{"${'k'.repeat(1024 * 1024 + 1)}":1}`), 'limit.string');
  expectCode(body(`[${Array(10001).fill('{"action":"send"}').join(',')}]`), 'limit.steps');
  assert.equal(validate(body(`[${Array(10000).fill('{"action":"send"}').join(',')}]`)).valid, true);
  assert.equal(instanceReplacements(), 0);
});

// A chain of 20 templates (T1 invokes T2, ...): no cycle, so only the depth limit stops it.
const chain = {
  now: '2024-01-01T00:00:00Z',
  fixtures: { templates: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`T${i + 1}`,
    { automation: { steps: [{ action: 'invoke', template: `T${i + 2}` }] } }])) },
  invocations: [{ templateId: 'T1', request: { recipient: 'u' } }],
};
chain.fixtures.templates.T20 = { automation: { steps: [{ action: 'send', template: 'X' }] } };
// One run invoking a leaf template 20 times: 21 runs.
const fanout = {
  now: '2024-01-01T00:00:00Z',
  fixtures: { templates: { Leaf: { automation: { steps: [{ action: 'send', template: 'X' }] } } } },
  invocations: [{ request: { recipient: 'u', automation: { steps: Array(20).fill({ action: 'invoke', template: 'Leaf' }) } } }],
};

test('runs, events and invoke depth per simulation, from JS options', async () => {
  await init();
  let t = await dryRun(fanout, { limits: { maxRuns: 10 } });
  assert.equal(t.runs.length, 10);
  assert.match(t.error, /^limit\.runs: more than 10 runs/);
  assert.equal(dryRunSync(fanout).runs.length, 21);
  t = dryRunSync(chain);
  assert.equal(t.runs.length, 17);
  assert.ok(JSON.stringify(t).includes('over the limit of 16'));
  t = dryRunSync(chain, { limits: { maxInvokeDepth: 2 } });
  assert.equal(t.runs.length, 3);
  assert.ok(JSON.stringify(t).includes('over the limit of 2'));
  assert.equal(dryRunSync(chain, { limits: { maxInvokeDepth: 19 } }).messages.length, 1);
  const many = { invocations: Array.from({ length: 50 }, (_, i) => ({ request: { recipient: 'u',
    automation: { steps: [{ action: 'delay', duration: `${i + 1} minutes` }, { action: 'send', template: 'T' }] } } })) };
  t = dryRunSync(many, { limits: { maxEvents: 20 } });
  assert.match(t.error, /^limit\.events: more than 20 events/);
  for (const bad of [{ maxRuns: 0 }, { maxEvents: -1 }, { maxInvokeDepth: 1.5 }, { maxRuns: 'x' }]) {
    assert.throws(() => dryRunSync(chain, { limits: bad }), (e) => e instanceof ValidationError && codes(e.report).includes('options.limits'));
  }
});
