import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertOneLine, fixture, runCli, SEED, withFiles } from './helpers.js';

const SEED_SCENARIO = fixture('scenarios/seed-example.scenario.json');
const CANCEL = fixture('scenarios/delay-then-cancel.json');

test('dry-run: the seed example sends one message to user-yes after its delay, exit 0', async () => {
  const r = await runCli(['dry-run', SEED_SCENARIO]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const lines = r.stdout.split('\n');
  const send = lines.findIndex((l) => /step 2 send\s+PROCESSED/.test(l));
  assert.ok(send > 0, r.stdout);
  assert.match(lines[send], /^2024-04-08T08:09:10\.123Z/);
  assert.match(lines[send + 1], /to user-yes\s+template 64TP5HKPFTM8VTK1Y75SJDQX9JK0\s+data \{"name":"Foo"\}/);
  assert.match(r.stdout, /1 run, 1 message would be sent/);
});

test('dry-run --json prints the trace; same scenario and seed, same bytes', async () => {
  const a = await runCli(['dry-run', '--json', SEED_SCENARIO]);
  const b = await runCli(['dry-run', '--json', SEED_SCENARIO]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  const trace = JSON.parse(a.stdout);
  assert.equal(trace.kind, 'trace');
  assert.equal(trace.runs.length, 1);
  assert.equal(trace.runs[0].status, 'PROCESSED');
  assert.match(trace.runs[0].runId, /^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  assert.equal(trace.messages.length, 1);
  const [m] = trace.messages;
  assert.equal(m.recipient, 'user-yes');
  assert.equal(m.template, '64TP5HKPFTM8VTK1Y75SJDQX9JK0');
  assert.equal(m.data.name, 'Foo');
  assert.equal(m.at, '2024-04-08T08:09:10.123Z');
});

test('dry-run: a bare invoke body with --now and --seed', async () => {
  const a = await runCli(['dry-run', '--json', '--now', '2024-04-08T08:00:00Z', '--seed', '3', SEED]);
  assert.equal(a.code, 0, a.stderr);
  const trace = JSON.parse(a.stdout);
  assert.equal(trace.runs[0].invokedAt, '2024-04-08T08:00:00.000Z');
  assert.equal(trace.messages[0].at, '2024-04-08T08:09:10.123Z');
  const b = await runCli(['dry-run', '--json', '--now', '2024-04-08T08:00:00Z', '--seed', '4', SEED]);
  assert.notEqual(JSON.parse(b.stdout).runs[0].runId, trace.runs[0].runId, 'the seed picks the run ids');
});

test('dry-run: delay then cancel — run 1 CANCELED, nothing sent, exit 0', async () => {
  const r = await runCli(['dry-run', CANCEL]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /^run 1 +1-[0-9a-f]{8}-[0-9a-f]{24} +CANCELED$/m);
  assert.match(r.stdout, /^run 2 +1-[0-9a-f]{8}-[0-9a-f]{24} +PROCESSED$/m);
  assert.match(r.stdout, /2024-04-08T09:00:00\.000Z +run 2 +step 1 cancel +PROCESSED +token onboarding--user-yes/);
  assert.match(r.stdout, /2 runs, 0 messages would be sent/);
  const json = JSON.parse((await runCli(['dry-run', '--json', CANCEL])).stdout);
  assert.deepEqual(json.runs.map((x) => x.status), ['CANCELED', 'PROCESSED']);
  assert.equal(json.messages.length, 0);
});

test('dry-run: a run that ends in ERROR exits 1', async () => {
  const r = await runCli(['dry-run', fixture('scenarios/unknown-list.json')]);
  assert.equal(r.code, 1, r.stderr + r.stdout);
  assert.match(r.stdout, /step 1 send-list +ERROR/);
});

test('dry-run: an invalid body exits 1 with the located problems', async () => {
  const r = await runCli(['dry-run', fixture('scenarios/invalid-body.json')]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /\/automation\/steps\/0\/duration/);
  assert.match(r.stdout, /invalid \(/);
  const j = await runCli(['dry-run', '--json', fixture('scenarios/invalid-body.json')]);
  assert.equal(j.code, 1);
  // The kind tells a refused input from a run that went wrong (both exit 1).
  assert.deepEqual(Object.keys(JSON.parse(j.stdout)), ['kind', 'valid', 'errors', 'warnings']);
  assert.equal(JSON.parse(j.stdout).kind, 'report');
  assert.equal(JSON.parse(j.stdout).valid, false);
  const e = await runCli(['dry-run', '--json', fixture('scenarios/unknown-list.json')]);
  assert.equal(e.code, 1);
  assert.equal(JSON.parse(e.stdout).kind, 'trace');
});

test('dry-run: without --now or a scenario "now", the clock starts at 2024-01-01T00:00:00Z, as --help says', async () => {
  const r = await runCli(['dry-run', '--json', SEED]);
  assert.equal(JSON.parse(r.stdout).runs[0].invokedAt, '2024-01-01T00:00:00.000Z');
  const help = await runCli(['dry-run', '--help']);
  assert.match(help.stdout.replace(/\s+/g, ' '), /default: the scenario's, else 2024-01-01T00:00:00Z/);
  assert.doesNotMatch(help.stdout, /else the current time/);
});

test('dry-run: a fixtures file given as the scenario, or a scenario given as --fixtures, gets a hint', async () => {
  let r = await runCli(['dry-run', fixture('scenarios/templates.fixtures.json')]);
  assert.equal(r.code, 1);
  assertOneLine(assert, r.stderr, 'looks like a fixtures file', '--fixtures');
  r = await runCli(['dry-run', '--fixtures', CANCEL, SEED]);
  assert.equal(r.code, 1);
  assertOneLine(assert, r.stderr, 'looks like a dry-run scenario', 'not with --fixtures');
  // A bare body is a scenario of one invocation: no hint.
  r = await runCli(['dry-run', SEED]);
  assert.equal(r.stderr, '');
});

test('dry-run --fixtures: a template invocation runs the fixture', async () => {
  const r = await runCli(['dry-run', '--json', '--fixtures', fixture('scenarios/templates.fixtures.json'), fixture('scenarios/template-invoke.json')]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const trace = JSON.parse(r.stdout);
  assert.equal(trace.messages.length, 1);
  assert.equal(trace.messages[0].recipient, 'user-yes');
  assert.equal(trace.messages[0].at, '2024-04-08T09:00:00.000Z');
});

test('dry-run --fixtures: their problems are printed as the fixtures file\'s, located in it', async () => {
  await withFiles(async (write) => {
    let file = await write('fx.json', '{\n  "lists": {},\n  "gadgets": {}\n}\n');
    let r = await runCli(['dry-run', '--fixtures', file, fixture('scenarios/template-invoke.json')]);
    assert.equal(r.code, 1, r.stderr + r.stdout);
    assert.match(r.stdout, /fx\.json:3:14 +error +scenario\.fixtures +\/gadgets\n/);
    // The invocation's template is missing too: that one is the scenario file's.
    assert.match(r.stdout, /template-invoke\.json:\d+:\d+ +error +scenario\.template +\/invocations\/0\/templateId/);
    const j = JSON.parse((await runCli(['dry-run', '--json', '--fixtures', file, fixture('scenarios/template-invoke.json')])).stdout);
    assert.ok(j.errors.some((p) => p.path === '/options/fixtures/gadgets' && p.line === 3), JSON.stringify(j));
    // Malformed fixtures: the syntax error, located in the fixtures file.
    file = await write('fx.json', '{\n  "lists": ,\n}\n');
    r = await runCli(['dry-run', '--fixtures', file, SEED]);
    assert.equal(r.code, 1, r.stderr + r.stdout);
    assert.match(r.stdout, /fx\.json:2:\d+ +error +json\.syntax/);
  });
});

test('dry-run: usage and I/O errors are one line and exit 2', async () => {
  let r = await runCli(['dry-run', '--seed', 'abc', SEED]);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, '--seed');
  r = await runCli(['dry-run', '--now', 'yesterday', SEED]);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, '--now');
  r = await runCli(['dry-run', '--fixtures', '/no/such/fixtures.json', SEED]);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, '/no/such/fixtures.json');
  r = await runCli(['dry-run', '/no/such/scenario.json']);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, '/no/such/scenario.json');
});
