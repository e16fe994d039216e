/**
 * The dry run's I/O (issue 13 items 1, 2, 5, 6; issue 14 item 5): scenarios as text, bytes or
 * objects; the summary trace; option ranges; depth and type checks at every entry; fixtures bytes
 * decoded fatally; trapped instances released in a synchronous loop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { init, dryRun, dryRunSync, Simulator, ValidationError } from 'courier-automations-wasm/dry-run';

const body = { recipient: 'u', template: 'T', data: { n: 1 },
  automation: { steps: [{ action: 'delay', duration: '1 day' }, { action: 'send' }] } };
const scenario = {
  now: '2024-01-01T00:00:00Z',
  seed: 3,
  invocations: [
    { request: { ...body, automation: { ...body.automation, cancelation_token: 'x' } } },
    { request: body },
    { at: '2024-01-01T06:00:00Z', request: { recipient: 'ops', automation: { steps: [{ action: 'cancel', cancelation_token: 'x' }] } } },
  ],
};
const codes = (e) => e.report.errors.map((p) => p.code);
const deepObject = (n) => { let v = {}; for (let i = 0; i < n; i++) v = { a: v }; return v; };
const isDepth = (path) => (e) => e instanceof ValidationError && codes(e).includes('limit.depth') &&
  (path === undefined || e.report.errors.some((p) => p.path.startsWith(path)));

test('a scenario as an object, JSON text, UTF-8 bytes or an ArrayBuffer gives the same trace', async () => {
  await init();
  const text = JSON.stringify(scenario);
  const bytes = new TextEncoder().encode(text);
  const expected = JSON.stringify(dryRunSync(scenario, { detail: 'full' }));
  assert.equal(JSON.stringify(dryRunSync(text, { detail: 'full' })), expected);
  assert.equal(JSON.stringify(dryRunSync(bytes, { detail: 'full' })), expected);
  assert.equal(JSON.stringify(dryRunSync(bytes.buffer.slice(0), { detail: 'full' })), expected);
  assert.equal(JSON.stringify(await dryRun(bytes, { detail: 'full' })), expected);
});

test('a request error in scenario text is located in that text (line and column of the whole scenario)', async () => {
  await init();
  const text = `{\n  "invocations": [\n    {"request": ${JSON.stringify(body)}},\n    {"request": {"recipient": "u", "automation": {"steps": [{"action": "sned"}]}}}\n  ]\n}`;
  assert.throws(() => dryRunSync(text), (e) => {
    const p = e.report.errors.find((x) => x.path.startsWith('/invocations/1/request/automation/steps/0'));
    assert.ok(p, JSON.stringify(e.report));
    assert.equal(p.line, 4);
    assert.ok(p.column > 30, `column ${p.column}`);
    return true;
  });
});

test('detail summary: counts and run statuses, no steps; runs and messages read when first touched', async () => {
  await init();
  const full = dryRunSync(scenario, { detail: 'full' });
  const summary = dryRunSync(scenario, { detail: 'summary' });
  assert.equal(summary.detail, 'summary');
  assert.deepEqual(summary.counts, { runs: 3, steps: 4, messages: 1, statuses: { CANCELED: 1, PROCESSED: 2 } });
  assert.deepEqual(summary.runs.map((r) => [r.runId, r.status]), full.runs.map((r) => [r.runId, r.status]));
  assert.ok(summary.runs.every((r) => r.steps === undefined));
  assert.deepEqual(summary.messages.map((m) => m.runId), full.messages.map((m) => m.runId));
  assert.equal(summary.messages[0].data, undefined);
  assert.equal(summary.endedAt, full.endedAt);
  // Plain data once read; JSON.stringify and a second read see the same arrays.
  assert.equal(Object.getOwnPropertyDescriptor(summary, 'runs').value, summary.runs);
  const again = JSON.parse(JSON.stringify(dryRunSync(scenario, { detail: 'summary' })));
  assert.deepEqual(again.runs, summary.runs);
  assert.deepEqual(Object.keys(again), Object.keys(summary));
});

test('limits beyond 2^31-1 are a RangeError naming the option (2^32 used to wrap to 0)', async () => {
  await init();
  for (const name of ['maxRuns', 'maxEvents', 'maxInvokeDepth']) {
    assert.throws(() => dryRunSync(body, { limits: { [name]: 2 ** 32 } }),
      (e) => e instanceof RangeError && e.message.includes(`options.limits.${name}`) && e.message.includes('2147483647'));
    await assert.rejects(Simulator.create({ limits: { [name]: 2 ** 32 } }), RangeError);
  }
  assert.throws(() => dryRunSync(body, { seed: 2 ** 64 }), (e) => e instanceof RangeError && e.message.includes('options.seed'));
  // The largest accepted value runs as usual.
  assert.equal(dryRunSync(body, { limits: { maxRuns: 2 ** 31 - 1, maxEvents: 2 ** 31 - 1 } }).runs[0].status, 'PROCESSED');
});

test('Simulator.create: deep fixtures (object or text) are limit.depth, never a stack overflow', async () => {
  await init();
  await assert.rejects(Simulator.create({ fixtures: { profiles: { u: deepObject(100_000) } } }), isDepth('/fixtures'));
  await assert.rejects(Simulator.create({ fixtures: { profiles: { u: deepObject(1_000) } } }), isDepth());
  const deepText = `{"profiles":{"u":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}`;
  await assert.rejects(Simulator.create({ fixtures: deepText }), isDepth());
  await assert.rejects(dryRun(body, { fixtures: { profiles: { u: deepObject(100_000) } } }), isDepth('/options/fixtures'));
});

test('sim.invoke: a deep object, 100k-deep text or bytes give limit.depth; bytes are read as bytes', async () => {
  const sim = await Simulator.create({ now: '2024-01-01T00:00:00Z' });
  try {
    assert.throws(() => sim.invoke({ ...body, data: deepObject(100_000) }), isDepth());
    const deepText = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    assert.throws(() => sim.invoke(deepText), isDepth());
    assert.throws(() => sim.invoke(new TextEncoder().encode(deepText)), isDepth());
    const id = sim.invoke(new TextEncoder().encode(JSON.stringify(body)));
    assert.match(id, /^1-/);
    const second = sim.invoke(new TextEncoder().encode(JSON.stringify(body)).buffer);
    assert.equal(second, sim.trace().runs[1].runId);
    assert.equal(sim.invoke(JSON.stringify(body), { at: '2024-01-01T01:00:00Z' }), null);
    await sim.runUntilIdle();
    assert.deepEqual(sim.trace().runs.map((r) => r.status), ['PROCESSED', 'PROCESSED', 'PROCESSED']);
    // Invalid UTF-8 in bytes is the validator's located json.utf8, not a silent U+FFFD.
    const bad = new TextEncoder().encode(JSON.stringify({ ...body, recipient: 'u\u00e9' }));
    bad[bad.indexOf(0xc3)] = 0xff;
    assert.throws(() => sim.invoke(bad), (e) => e instanceof ValidationError && codes(e).includes('json.utf8'));
  } finally {
    sim.delete();
  }
});

test('fixtures given as bytes are decoded fatally: invalid UTF-8 is json.utf8, located', async () => {
  await init();
  const good = new TextEncoder().encode('{\n"profiles": {"u": {"name": "Zo\u00e9"}}}');
  assert.equal(dryRunSync(body, { fixtures: good }).profiles.u.name, 'Zo\u00e9');
  const bad = good.slice();
  bad[bad.indexOf(0xc3)] = 0xff;
  for (const run of [() => dryRunSync(body, { fixtures: bad }), () => dryRunSync(body, { fixtures: bad.buffer })]) {
    assert.throws(run, (e) => {
      assert.ok(e instanceof ValidationError);
      const p = e.report.errors[0];
      assert.equal(p.code, 'json.utf8');
      assert.equal(p.path, '/options/fixtures');
      assert.equal(p.line, 2);
      assert.equal(p.column, 31);
      return true;
    });
  }
  await assert.rejects(Simulator.create({ fixtures: bad }), (e) => codes(e).includes('json.utf8'));
});

test('a second dryRun of the same scenario in the same process gives the same trace', async () => {
  await init();
  const big = { now: scenario.now, invocations: Array.from({ length: 2000 }, (_, i) => ({ request: { ...body, data: { i } } })) };
  const a = dryRunSync(big, { detail: 'summary' });
  const b = dryRunSync(big, { detail: 'summary' });
  assert.deepEqual(a.counts, b.counts);
  assert.equal(a.counts.runs, 2000);
});

test('trapped instances are released in a synchronous loop: the next call works, the old memories are collectable', () => {
  const script = fileURLToPath(new URL('./support/trap-loop.mjs', import.meta.url));
  const out = execFileSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8', timeout: 120_000 });
  const result = JSON.parse(out.trim().split('\n').pop());
  assert.equal(result.traps, 4);
  assert.equal(result.afterwards, 'PROCESSED');
  assert.ok(result.grown >= 32 * 1024 * 1024, `memory grew to ${result.grown} B before each trap`);
  assert.deepEqual(result.alive, [false, false, false, false]);
});

test('normalize keeps a negative zero (JSON.parse keeps it), written -0.0', async () => {
  await init();
  const { normalize } = await import('courier-automations-wasm/dry-run');
  const out = normalize('{"recipient":"u","data":{"a":-0,"b":0,"c":"-0","d":[-0]},"automation":{"steps":[{"action":"send","template":"T"}]}}');
  const data = JSON.parse(out).data;
  assert.ok(Object.is(data.a, -0), out);
  assert.ok(Object.is(data.b, 0), out);
  assert.equal(data.c, '-0');
  assert.ok(Object.is(data.d[0], -0), out);
});
