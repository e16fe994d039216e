/**
 * The dry run never touches the network on its own: with globalThis.fetch (and node's socket
 * connect) replaced by tripwires, scenarios full of fetch-data steps run through dryRun,
 * dryRunSync and Simulator without a single call. Only the caller's own resolver is asked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFileSync } from 'node:fs';

const tripped = [];
const realFetch = globalThis.fetch;
globalThis.fetch = (...args) => {
  tripped.push(['fetch', String(args[0])]);
  throw new Error('tripwire: the dry run called globalThis.fetch');
};
const realConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  tripped.push(['connect', JSON.stringify(args[0])]);
  throw new Error('tripwire: the dry run opened a socket');
};

const { init, dryRun, dryRunSync, Simulator } = await import('courier-automations-wasm/dry-run');

const steps = [
  { action: 'fetch-data', webhook: { url: 'https://api.example.test/user', method: 'GET' }, merge_strategy: 'overwrite' },
  { action: 'fetch-data', webhook: { url: 'http://127.0.0.1:9/x', method: 'POST', body: { a: 1 } }, merge_strategy: 'replace' },
  { action: 'fetch-data', webhook: { url: 'https://fixture.test/p', method: 'GET' }, merge_strategy: 'soft-merge' },
  { action: 'send', template: 'T' },
];
const scenario = {
  now: '2024-01-01T00:00:00Z',
  fixtures: { webhooks: [{ method: 'GET', url: 'https://fixture.test/p', response: { plan: 'pro' } }] },
  invocations: [
    { request: { recipient: 'u1', automation: { steps } } },
    { request: { recipient: 'u2', automation: { steps: [{ action: 'delay', duration: '1 day' }, ...steps] } } },
  ],
};

test('no resolver: fetch-data steps never reach the network', async () => {
  await init();
  const seed = JSON.parse(readFileSync(new URL('../../fixtures/valid/every-step.json', import.meta.url), 'utf8'));
  const semantics = JSON.parse(readFileSync(new URL('../../fixtures/valid/semantics-examples.json', import.meta.url), 'utf8'));
  for (const s of [scenario, seed, semantics]) {
    const a = dryRunSync(s);
    const b = await dryRun(s);
    assert.deepEqual(a, b);
    assert.ok(a.runs.length >= 1);
  }
  const sim = await Simulator.create({ fixtures: scenario.fixtures });
  sim.invoke({ recipient: 'u3', automation: { steps } });
  await sim.advance('1 day');
  await sim.runUntilIdle();
  assert.ok(sim.trace().runs[0].steps.length >= 3);
  sim.delete();
  assert.deepEqual(tripped, []);
});

test('with a resolver: only the resolver is asked, never the network', async () => {
  await init();
  const asked = [];
  const trace = await dryRun(scenario, { fetch: async (req) => { asked.push(req.url); return { ok: 1 }; } });
  assert.ok(asked.includes('https://api.example.test/user'));
  assert.ok(!asked.includes('https://fixture.test/p'), 'a webhook fixture answers without the resolver');
  assert.ok(trace.messages.length >= 1);
  assert.deepEqual(tripped, []);
});

test.after(() => {
  globalThis.fetch = realFetch;
  net.Socket.prototype.connect = realConnect;
});
