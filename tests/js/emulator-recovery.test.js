/**
 * The emulator outlives a wasm trap (issue 14 item 6): when the dry run's instance dies (memory
 * grown to its ceiling, for real, through the test-only export caw_debug_trap(1); or any other
 * trap), the emulator rebuilds its simulator on the fresh instance from the log it keeps, so
 * runs, their ids and statuses, and idempotency keys survive, and every endpoint keeps
 * answering. What runs may hold is bounded (stateLimit: 507 past it, until a reset).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../js/emulator/index.js';
import { Simulator, simulatorInstance, simulatorReplacements, InstanceReplacedError } from './support/source.js';

const NOW = '2024-04-08T08:00:00Z';
const MiB = 1024 * 1024;
const auth = (key = 'key-a') => ({ Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' });
const CONTROL = { 'Content-Type': 'application/json' };
const delayed = (recipient) => ({ recipient, automation: { steps: [{ action: 'delay', duration: '1 hour' }, { action: 'send', template: 'T' }] } });
/** A valid ad hoc body of about `bytes` bytes (the padding rides in `data`). */
const big = (bytes, recipient = 'u') => JSON.stringify({ recipient, data: { pad: 'x'.repeat(bytes - 120) }, automation: { steps: [{ action: 'send', template: 'T' }] } });

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emu;
before(async () => {
  emu = await startEmulator({ port: 0, now: NOW, bodyLimit: 2 * MiB });
});
after(() => emu.close());

const request = async (method, path, body, headers = CONTROL) => {
  const res = await fetch(emu.url + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: await res.json() };
};
const invoke = (body, headers = auth()) => request('POST', '/automations/invoke', body, headers);
const state = async () => (await request('GET', '/__emulator')).body;

/** Runs and keys before a trap: two runs waiting, one key per API key. */
async function history() {
  await request('POST', '/__emulator/reset', { now: NOW });
  const a = await invoke(delayed('user-a'), { ...auth('key-a'), 'Idempotency-Key': 'k1' });
  const b = await invoke(delayed('user-b'), { ...auth('key-b'), 'Idempotency-Key': 'k1' });
  assert.equal(a.status, 200);
  assert.equal(b.status, 200);
  return [a.body.runId, b.body.runId];
}

/** The history after a trap: the same runs, keys replaying, the clock still moving them. */
async function assertSurvived([runA, runB], count = 2) {
  const s = await state();
  assert.equal(s.runs, count);
  assert.equal(s.idempotencyKeys, 2);
  for (const [key, runId] of [['key-a', runA], ['key-b', runB]]) {
    const again = await invoke(delayed('someone-else'), { ...auth(key), 'Idempotency-Key': 'k1' });
    assert.equal(again.status, 200);
    assert.equal(again.body.runId, runId, `${key}'s Idempotency-Key replays its own run`);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
  }
  const listed = await request('GET', '/automations/runs', undefined, auth());
  assert.equal(listed.status, 200);
  for (const id of [runA, runB]) assert.ok(listed.body.runs.some((r) => r.run_id === id), `${id} listed`);
  const clock = await request('POST', '/__emulator/clock', { advance: '1 hour' });
  assert.equal(clock.status, 200, JSON.stringify(clock.body));
  const run = await request('GET', `/__emulator/runs/${runA}`);
  assert.equal(run.status, 200);
  assert.equal(run.body.status, 'PROCESSED');
  assert.equal(run.body.messages.length, 1);
  const third = await invoke(delayed('user-c'));
  assert.equal(third.status, 200);
  assert.equal((await state()).runs, count + 1);
}

test('the instance trapped between requests (memory grown to its ceiling): every endpoint answers and the state is kept', async () => {
  const runs = await history();
  const replacedBefore = simulatorReplacements();
  // Memory to the ceiling for real (64 MB blocks until malloc fails), then the trap: what ~2,000
  // 1 MiB invokes used to end in. The loader replaces the instance; the emulator's simulator
  // belonged to the dead one.
  assert.throws(() => simulatorInstance()._caw_debug_trap(1), InstanceReplacedError);
  assert.equal(simulatorReplacements(), replacedBefore + 1);
  for (const path of ['/__emulator', '/__emulator/runs', '/__emulator/trace', '/__emulator/clock', `/__emulator/runs/${runs[0]}`]) {
    const res = await request('GET', path);
    assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
  }
  await assertSurvived(runs);
  assert.ok((await state()).recoveries >= 1);
});

test('a 1 MiB invoke that hits the ceiling mid-request is answered on a fresh instance; the state is kept', async (t) => {
  const runs = await history();
  const original = Simulator.prototype.invoke;
  let traps = 0;
  t.after(() => { Simulator.prototype.invoke = original; });
  Simulator.prototype.invoke = function trapOnce(...args) {
    if (traps++ === 0) simulatorInstance()._caw_debug_trap(1);
    return original.apply(this, args);
  };
  const res = await invoke(big(MiB));
  Simulator.prototype.invoke = original;
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.match(res.body.runId, /^1-/);
  assert.ok(traps >= 2, 'the invoke ran again after the trap');
  const run = await request('GET', `/__emulator/runs/${res.body.runId}`);
  assert.equal(run.status, 200);
  assert.equal(run.body.messages[0].data.pad.length, MiB - 120, 'the big run ran on the fresh instance');
  assert.ok((await state()).stateCost >= MiB);
  await assertSurvived(runs, 3);
});

test('a request that traps on the fresh instance too is a 500 naming it, never stored, and nothing else breaks', async (t) => {
  await history();
  const original = Simulator.prototype.invoke;
  t.after(() => { Simulator.prototype.invoke = original; });
  // Traps whenever it meets this request (a bug the request triggers), on any instance.
  Simulator.prototype.invoke = function trapsOnUserD(payload, ...rest) {
    if (payload?.recipient === 'user-d') simulatorInstance()._caw_debug_trap(0);
    return original.call(this, payload, ...rest);
  };
  const key = { ...auth(), 'Idempotency-Key': 'doomed' };
  const res = await invoke(delayed('user-d'), key);
  assert.equal(res.status, 500);
  assert.match(res.body.message, /trapped on this request twice.*state is kept/);
  assert.doesNotMatch(res.body.message, /instance trapped|create it again/);
  assert.equal((await state()).runs, 2, 'the state before the request');
  Simulator.prototype.invoke = original;
  const retried = await invoke(delayed('user-d'), key);
  assert.equal(retried.status, 200, 'the failure was not stored under the key');
  assert.equal((await state()).runs, 3);
});

test('stateLimit bounds what runs hold: 507 past it, other endpoints answer, a reset frees it', async () => {
  const small = await startEmulator({ port: 0, now: NOW, bodyLimit: 2 * MiB, stateLimit: 3.5 * MiB });
  try {
    const post = (body) => fetch(`${small.url}/automations/invoke`, { method: 'POST', headers: auth(), body });
    const statuses = [];
    for (let i = 0; i < 5; ++i) {
      const res = await post(big(MiB, `user-${i}`));
      statuses.push(res.status);
      if (res.status === 507) {
        const body = await res.json();
        assert.equal(body.type, 'api_error');
        assert.match(body.message, /state limit \(3670016 bytes of stateCost\).*POST \/__emulator\/reset/);
      } else {
        await res.arrayBuffer();
      }
    }
    assert.deepEqual(statuses, [200, 200, 200, 507, 507]);
    const s = await (await fetch(`${small.url}/__emulator`)).json();
    assert.equal(s.runs, 3);
    assert.ok(s.stateCost <= s.stateLimit);
    const reset = await fetch(`${small.url}/__emulator/reset`, { method: 'POST', headers: CONTROL, body: '{}' });
    assert.equal(reset.status, 200);
    assert.equal((await reset.json()).stateCost, 0);
    assert.equal((await post(big(MiB))).status, 200);
    // Many small members cost more than their bytes: the core holds a node for each.
    await fetch(`${small.url}/__emulator/reset`, { method: 'POST', headers: CONTROL, body: '{}' });
    const dense = JSON.stringify({ recipient: 'u', data: { list: Array.from({ length: 20_000 }, () => 1) }, automation: { steps: [{ action: 'send', template: 'T' }] } });
    assert.equal((await post(dense)).status, 200);
    const cost = (await (await fetch(`${small.url}/__emulator`)).json()).stateCost;
    assert.ok(cost > 20_000 * 32 && cost > 10 * dense.length, `stateCost ${cost} for ${dense.length} bytes`);
  } finally {
    await small.close();
  }
});

test('startEmulator refuses a stateLimit that is not a positive integer', async () => {
  for (const stateLimit of [0, -1, 1.5, '1']) {
    await assert.rejects(startEmulator({ port: 0, stateLimit }), /stateLimit must be a positive integer/);
  }
});

test('nothing a request allocates outlives it but the run it starts: refused bodies, replays and reads leave the wasm heap as it was', async () => {
  await history();
  await request('GET', '/__emulator/trace');
  const live = () => simulatorInstance().heapBytes();
  const before = { live: live(), memory: simulatorInstance().HEAPU8.length };
  const refused = big(MiB).replace('"send"', '"sned"');
  for (let i = 0; i < 10; ++i) {
    assert.equal((await invoke(refused)).status, 400);
    assert.equal((await invoke(delayed('x'), { ...auth('key-a'), 'Idempotency-Key': 'k1' })).headers.get('idempotent-replayed'), 'true');
    for (const path of ['/__emulator', '/__emulator/trace', '/__emulator/runs', '/__emulator/clock']) assert.equal((await request('GET', path)).status, 200);
    assert.equal((await request('GET', '/automations/runs', undefined, auth())).status, 200);
  }
  assert.equal(live(), before.live, 'bytes in use on the wasm heap');
  assert.equal(simulatorInstance().HEAPU8.length, before.memory, 'wasm memory size');
  // A run that is started is what stays.
  assert.equal((await invoke(big(MiB))).status, 200);
  assert.ok(live() > before.live + MiB);
});
