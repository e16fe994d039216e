/**
 * No leak across the boundary: 1,000,000 validate calls (bytes path, valid and invalid
 * payloads, both levels) and wasm memory stops growing after warm-up; Embind objects
 * (Simulator) created and deleted thousands of times, and dryRunSync repeated, same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { init, validate, dryRunSync, Simulator, validatorInstance, simulatorInstance } from '../support/source.js';

const enc = new TextEncoder();
const seedText = readFileSync(new URL('../../fixtures/valid/seed-example.json', import.meta.url), 'utf8');
const validatorMemory = () => validatorInstance().memory.buffer.byteLength;
const simulatorMemory = () => simulatorInstance().HEAPU8.length;

const payloads = [
  '{"recipient":"u","template":"T","automation":{"steps":[{"action":"delay","duration":"1 day"},{"action":"send"}]}}',
  readFileSync(new URL('../../fixtures/valid/every-step.json', import.meta.url), 'utf8'),
  readFileSync(new URL('../../fixtures/invalid/send.recipient.missing.json', import.meta.url), 'utf8'),
  readFileSync(new URL('../../fixtures/invalid/json.syntax.json', import.meta.url), 'utf8'),
  '{"recipient":"u","recipient":"v","automation":{"steps":[{"action":"sned"}]}}',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
  '{"recipient":"\\ud800","automation":{"steps":[{"action":"send","template":"\xff"}]}}',
  '',
].map((s) => enc.encode(s));

test('1,000,000 validate calls (bytes): wasm memory stops growing after warm-up', async (t) => {
  await init();
  const CALLS = 1_000_000;
  const WARMUP = 20_000;
  let afterWarmup = 0;
  let invalid = 0;
  const start = performance.now();
  for (let i = 0; i < CALLS; ++i) {
    // Mostly the hot case (valid and clean), one in 64 a payload with a report to build.
    const p = i % 64 === 63 ? payloads[1 + ((i >> 6) % (payloads.length - 1))] : payloads[0];
    const r = validate(p, { level: i & 2 ? 'schema' : 'courier' });
    if (!r.valid) invalid += 1;
    if (i === WARMUP) afterWarmup = validatorMemory();
  }
  const ms = performance.now() - start;
  const end = validatorMemory();
  t.diagnostic(`memory: ${CALLS} validate calls (${invalid} invalid) in ${Math.round(ms)} ms; ` +
    `wasm memory ${afterWarmup} B after ${WARMUP} calls, ${end} B after ${CALLS}`);
  assert.equal(end, afterWarmup, `wasm memory grew from ${afterWarmup} to ${end} bytes`);
  assert.ok(invalid > 10_000);
  assert.equal(validate(payloads[0]).valid, true);
});

test('Simulator create/invoke/delete and dryRunSync, thousands of times: memory stops growing', async (t) => {
  await init();
  const body = JSON.parse(seedText);
  const round = async () => {
    const sim = await Simulator.create({ now: '2024-01-01T00:00:00Z', fixtures: { profiles: { 'user-yes': { email: 'a@b.c' } } } });
    sim.invoke(body);
    await sim.runUntilIdle();
    assert.equal(sim.trace().messages.length, 1);
    sim.delete();
    sim.delete();  // idempotent
    assert.equal(dryRunSync(body, { detail: 'summary' }).messages.length, 1);
  };
  for (let i = 0; i < 500; ++i) await round();
  const afterWarmup = simulatorMemory();
  const ROUNDS = 10_000;
  for (let i = 0; i < ROUNDS; ++i) await round();
  const end = simulatorMemory();
  t.diagnostic(`memory: ${ROUNDS} Simulator create/invoke/delete + dryRunSync rounds; wasm memory ${afterWarmup} B -> ${end} B`);
  assert.equal(end, afterWarmup, `wasm memory grew from ${afterWarmup} to ${end} bytes`);
});

test('a Simulator that is never deleted keeps its memory (delete is the contract)', async () => {
  await init();
  // Not a leak check but a control: the check above would see growth if delete() did nothing.
  const before = simulatorMemory();
  const held = [];
  for (let i = 0; i < 3000; ++i) {
    const sim = await Simulator.create({ fixtures: { profiles: { u: { pad: 'x'.repeat(2000) } } } });
    held.push(sim);
  }
  assert.ok(simulatorMemory() > before, 'holding 3000 simulators with 2 KB fixtures each did not grow memory');
  for (const sim of held) sim.delete();
});
