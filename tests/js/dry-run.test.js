import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp, access } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { init, dryRun, dryRunSync, Simulator, ValidationError } from 'courier-automations-wasm/dry-run';

const seedText = await readFile(new URL('../fixtures/valid/seed-example.json', import.meta.url), 'utf8');
const seed = JSON.parse(seedText);

const delayThenCancel = {
  now: '2024-01-01T00:00:00Z',
  seed: 42,
  invocations: [
    { request: { recipient: 'user-yes', data: { name: 'Foo' },
      automation: { cancelation_token: 'order-1', steps: [{ action: 'delay', duration: '1 day' }, { action: 'send', template: 'REMINDER' }] } } },
    { at: '2024-01-01T12:00:00Z', request: { recipient: 'user-yes',
      automation: { steps: [{ action: 'cancel', cancelation_token: 'order-1' }] } } },
  ],
};

test('dryRun: the seed example sends one message at the until instant', async () => {
  const trace = await dryRun(seed, { now: '2024-01-01T00:00:00Z' });
  assert.equal(trace.messages.length, 1);
  assert.equal(trace.messages[0].at, '2024-04-08T08:09:10.123Z');
  assert.equal(trace.messages[0].recipient, 'user-yes');
  assert.equal(trace.messages[0].data.name, 'Foo');
  assert.match(trace.runs[0].runId, /^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  assert.equal(trace.runs[0].status, 'PROCESSED');
});

test('dryRun: delay then cancel from a second run', async () => {
  const trace = await dryRun(delayThenCancel);
  assert.deepEqual(trace.messages, []);
  assert.equal(trace.runs[0].status, 'CANCELED');
  assert.equal(trace.runs[0].steps[1].status, 'NOT PROCESSED');
  assert.equal(trace.runs[1].status, 'PROCESSED');
});

test('dryRun: detail summary gives counts and run statuses, no steps, no message data or profile', async () => {
  const trace = await dryRun(seed, { detail: 'summary' });
  assert.equal(trace.detail, 'summary');
  assert.deepEqual(trace.counts, { runs: 1, steps: 2, messages: 1, statuses: { PROCESSED: 1 } });
  assert.equal(trace.runs[0].status, 'PROCESSED');
  assert.equal(trace.runs[0].steps, undefined);
  assert.equal(trace.messages[0].data, undefined);
  assert.equal(trace.messages[0].profile, undefined);
  assert.equal(trace.messages[0].template, '64TP5HKPFTM8VTK1Y75SJDQX9JK0');
});

test('dryRun: same seed gives the same trace, another seed other run ids', async () => {
  await init();
  const a = JSON.stringify(dryRunSync(seed, { seed: 1 }));
  const b = JSON.stringify(dryRunSync(seed, { seed: 1 }));
  const c = dryRunSync(seed, { seed: 2 });
  assert.equal(a, b);
  assert.notEqual(JSON.parse(a).runs[0].runId, c.runs[0].runId);
});

test('dryRun: the caller\'s fetch answers fetch-data steps without a fixture', async () => {
  const calls = [];
  const payload = { recipient: 'u1', template: 'T', data: { a: 1 },
    automation: { steps: [
      { action: 'fetch-data', webhook: { url: 'https://api.example.test/user', method: 'GET' }, merge_strategy: 'overwrite' },
      { action: 'fetch-data', webhook: { url: 'https://api.example.test/fail', method: 'GET' }, merge_strategy: 'overwrite' },
      { action: 'send' }] } };
  const trace = await dryRun(payload, {
    fetch: async (req) => {
      calls.push(req);
      if (req.url.endsWith('/fail')) throw new Error('boom');
      return { plan: 'pro' };
    },
  });
  assert.equal(calls.length, 2);
  assert.equal(calls[0].method, 'GET');
  assert.deepEqual(trace.messages[0].data, { a: 1, plan: 'pro' });
  assert.ok(trace.runs[0].steps[1].notes.some((n) => n.includes('fetch failed')));
});

test('dryRun: a scenario with errors throws ValidationError with the report', async () => {
  const bad = { invocations: [{ request: { automation: { steps: [] } } }, { request: { automation: { steps: [{ action: 'send', template: 5 }] } } }] };
  await assert.rejects(dryRun(bad), (err) => {
    assert.ok(err instanceof ValidationError);
    assert.equal(err.report.valid, false);
    assert.ok(err.report.errors.every((p) => p.path.startsWith('/invocations/')));
    assert.ok(err.report.errors.some((p) => p.path.startsWith('/invocations/1/request/automation/steps/0')));
    return true;
  });
  assert.throws(() => dryRunSync('{"invocations": ['), ValidationError);
});

test('Simulator: stepwise, advancing by "1 day"', async () => {
  const sim = await Simulator.create({ now: '2024-01-01T00:00:00Z', seed: 3 });
  try {
    const runId = sim.invoke({ recipient: 'u1', template: 'T', automation: { steps: [
      { action: 'delay', duration: '1 day' }, { action: 'send' }, { action: 'delay', duration: '2 days' }, { action: 'send' }] } });
    assert.match(runId, /^1-/);
    await sim.advance('1 day');
    let trace = sim.trace();
    assert.equal(sim.now(), '2024-01-02T00:00:00.000Z');
    assert.equal(trace.messages.length, 1);
    assert.equal(trace.runs[0].status, 'WAITING');
    assert.equal(trace.runs[0].steps[2].status, 'WAITING');
    await sim.advance('1 day');
    assert.equal(sim.trace().messages.length, 1);
    await sim.runUntilIdle();
    trace = sim.trace();
    assert.equal(trace.messages.length, 2);
    assert.equal(trace.messages[1].at, '2024-01-04T00:00:00.000Z');
    assert.equal(trace.runs[0].status, 'PROCESSED');
    assert.throws(() => sim.invoke({ automation: { steps: 'nope' } }), ValidationError);
    await assert.rejects(sim.advance('soon'), RangeError);
  } finally {
    sim.delete();
    sim.delete();  // idempotent
  }
  assert.throws(() => sim.trace(), /deleted/);
});

test('Simulator: fixtures, invoke by template and a fetch resolver', async () => {
  const sim = await Simulator.create({
    fixtures: { templates: { welcome: { automation: { steps: [
      { action: 'fetch-data', webhook: { url: 'https://x.test/p', method: 'GET' }, merge_strategy: 'replace' },
      { action: 'send', template: 'WELCOME' }] } } } },
    fetch: (req) => ({ from: req.url }),
  });
  try {
    sim.invoke({ recipient: 'u9' }, { templateId: 'welcome' });
    await sim.runUntilIdle();
    const trace = sim.trace();
    assert.equal(trace.messages[0].recipient, 'u9');
    assert.deepEqual(trace.messages[0].data, { from: 'https://x.test/p' });
  } finally {
    sim.delete();
  }
});

test('native and wasm traces are byte-identical', async (t) => {
  const tool = new URL('../../build/native/tests/cpp/dry_run_tool', import.meta.url);
  try {
    await access(tool);
  } catch {
    t.skip('build/native/tests/cpp/dry_run_tool is absent: build the native preset to compare');
    return;
  }
  // The Embind module itself, from the sources (the bundle keeps its instance to itself).
  await import('../../js/dry-run/node.js');  // sets the dry run's default source
  const { init: initEmbind, instance } = await import('../../js/dry-run/runtime.js');
  await initEmbind();
  const dir = await mkdtemp(join(tmpdir(), 'caw-dry-run-'));
  const scenarios = [seed, delayThenCancel, JSON.parse(await readFile(new URL('../fixtures/valid/semantics-examples.json', import.meta.url), 'utf8'))];
  for (const [i, s] of scenarios.entries()) {
    for (const options of ['{"detail":"full","seed":5}', '{"detail":"summary"}']) {
      const file = join(dir, `s${i}.json`);
      await writeFile(file, JSON.stringify(s));
      const native = execFileSync(tool.pathname, [file, options], { encoding: 'utf8' });
      const wasm = instance().dryRun(JSON.stringify(s), options);
      assert.equal(wasm.ok, true);
      assert.equal(wasm.text, native, `scenario ${i} ${options}`);
    }
  }
});
