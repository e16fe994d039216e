// Dry-run benchmark (issue 13 item 7), every figure side by side in one run:
// - end to end through the package's dryRun(scenario, { detail: 'summary' }) until the trace object
//   is in hand, first and second call of the same scenario, from an object and from JSON text;
// - engine alone in wasm (the raw Embind module: scenario opened outside the timer, then advance
//   to now — every run reaches its delay: heap per waiting run — and runUntilIdle, timed);
// - the shared-token scenario against the unrelated-token one at 80k runs, end to end;
// - native (build/native/simulate_bench, engine helper's tool) at 10k, 100k and 1M runs.
// Knobs: SIM_BENCH_SIZES (wasm, default 10000,100000), SIM_BENCH_NATIVE_SIZES (default
// 10000,100000,1000000), SIM_BENCH_NATIVE_JSON (reuse an earlier native run), SIM_BENCH_TOKENS
// (default 80000). Writes bench/results/simulate.json and bench/results/simulate.md.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const api = await import(`${pkg.name}/dry-run`);
// The raw module for the engine-alone figures: the sources' loader (the bundle keeps its own).
const source = await import('../js/dry-run/node.js');
const runtime = await import('../js/dry-run/runtime.js');

const sizes = (process.env.SIM_BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const tokenRuns = Number(process.env.SIM_BENCH_TOKENS ?? 80000);

// Same generator as bench/native/simulate_bench.cpp: delay then send; every 20th fetches data
// (a webhook fixture), every 20th updates the profile; every 10th holds one of 1,000 tokens,
// canceled 12 hours later by 1,000 invocations.
function generate(n) {
  const invocations = [];
  for (let i = 0; i < n; i++) {
    const steps = [];
    if (i % 20 === 5) steps.push({ action: 'fetch-data', webhook: { url: 'https://bench.test/user', method: 'GET' }, merge_strategy: 'overwrite' });
    else if (i % 20 === 15) steps.push({ action: 'update-profile', recipient_id: `user-${i}`, profile: { seen: true }, merge: 'overwrite' });
    steps.push({ action: 'delay', duration: '1 day' }, { action: 'send' });
    const automation = i % 10 === 0 ? { cancelation_token: `tok-${(i / 10) % 1000}`, steps } : { steps };
    invocations.push({ request: { recipient: `user-${i}`, template: 'T', data: { i }, automation } });
  }
  for (let t = 0; t < 1000 && t * 10 < n; t++) {
    invocations.push({ at: '2024-01-01T12:00:00Z', request: { recipient: 'ops', automation: { steps: [{ action: 'cancel', cancelation_token: `tok-${t}` }] } } });
  }
  return { now: '2024-01-01T00:00:00Z', seed: 1, fixtures: { webhooks: [{ method: 'GET', url: 'https://bench.test/user', response: { plan: 'pro' } }] }, invocations };
}

// n/2 runs waiting on a token, then n/2 runs canceling: all on one token (shared) or each on its own.
function tokens(n, shared) {
  const half = n / 2;
  const invocations = [];
  for (let i = 0; i < half; i++) {
    invocations.push({ request: { recipient: `user-${i}`, template: 'T',
      automation: { cancelation_token: shared ? 'shared' : `tok-${i}`, steps: [{ action: 'delay', duration: '1 day' }, { action: 'send' }] } } });
  }
  for (let i = 0; i < half; i++) {
    invocations.push({ at: '2024-01-01T12:00:00Z', request: { recipient: 'ops',
      automation: { steps: [{ action: 'cancel', cancelation_token: shared ? 'shared' : `tok-${i}` }] } } });
  }
  return { now: '2024-01-01T00:00:00Z', seed: 1, invocations };
}

await api.init();
await source.init();
const wasm = runtime.instance();
// CPU time of this process (user + system), not wall time: the benchmark machine is shared.
const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/** Engine alone on the raw module: { engineMs, steps, heapWaiting }. */
function engineAlone(scenarioText) {
  const before = wasm.heapBytes();
  const sim = new wasm.Simulator(scenarioText, '{"detail":"summary"}');
  if (!sim.ok()) throw new Error(sim.report().slice(0, 2000));
  let t0 = cpuNow();
  sim.advance('2024-01-01T00:00:00Z');
  let engineMs = cpuNow() - t0;
  const heapWaiting = wasm.heapBytes() - before;
  t0 = cpuNow();
  sim.runUntilIdle();
  engineMs += cpuNow() - t0;
  const steps = sim.stepsExecuted();
  sim.delete();
  return { engineMs, steps, heapWaiting };
}

/** One end-to-end dryRun, timed until the trace object is in hand (summary: counts read). */
async function endToEnd(input) {
  const t0 = cpuNow();
  const trace = await api.dryRun(input, { detail: 'summary' });
  const ms = cpuNow() - t0;
  return { ms, trace };
}

const results = [];
for (const n of sizes) {
  // From 1M runs on, the scenario goes in as text only (its object graph alone is gigabytes of JS
  // heap; the text is 170 MB), first and second call.
  const huge = n >= 1_000_000;
  let scenario = generate(n);
  const text = JSON.stringify(scenario);
  if (huge) scenario = null;
  const engine = engineAlone(text);
  const first = await endToEnd(huge ? text : scenario);
  const second = await endToEnd(huge ? text : scenario);
  const fromText = huge ? second : await endToEnd(text);
  const { trace } = first;
  if (trace.counts.runs !== n + Math.min(1000, Math.ceil(n / 10))) throw new Error('unexpected run count');
  const steps = trace.counts.steps;
  // Reading every run and message too (the lazy arrays), for comparison.
  let t0 = cpuNow();
  const all = await api.dryRun(text, { detail: 'summary' });
  const readAll = all.runs.length + all.messages.length;
  const readAllMs = cpuNow() - t0;
  const traceBytes = Buffer.byteLength(JSON.stringify(trace));
  const r = {
    n, steps, scenarioBytes: Buffer.byteLength(text), summaryTraceBytes: traceBytes,
    input: huge ? 'text' : 'object', engineSeconds: engine.engineMs / 1000, engineStepsPerSecond: Math.round(steps / (engine.engineMs / 1000)),
    endToEndSeconds: first.ms / 1000, endToEndStepsPerSecond: Math.round(steps / (first.ms / 1000)),
    secondCallSeconds: second.ms / 1000, secondCallStepsPerSecond: Math.round(steps / (second.ms / 1000)),
    fromTextSeconds: fromText.ms / 1000, fromTextStepsPerSecond: Math.round(steps / (fromText.ms / 1000)),
    readEveryRunSeconds: readAllMs / 1000, readItems: readAll,
    waitingRuns: n, bytesPerWaitingRun: Math.round(engine.heapWaiting / n), wasmMemoryBytes: wasm.HEAPU8.length,
  };
  results.push(r);
  console.log('wasm', JSON.stringify(r));
}

// Shared token against unrelated tokens, end to end (second call each, after a warm-up call).
const tokenCase = {};
for (const shared of [false, true]) {
  const s = tokens(tokenRuns, shared);
  await api.dryRun(s, { detail: 'summary' });
  const { ms, trace } = await endToEnd(s);
  if (trace.counts.statuses.CANCELED !== tokenRuns / 2) throw new Error(`expected ${tokenRuns / 2} canceled runs`);
  tokenCase[shared ? 'shared' : 'unrelated'] = { runs: tokenRuns, seconds: ms / 1000, steps: trace.counts.steps };
}
tokenCase.ratio = tokenCase.shared.seconds / tokenCase.unrelated.seconds;
console.log('tokens', JSON.stringify(tokenCase));

let native = null;
const tool = new URL('../build/native/simulate_bench', import.meta.url);
if (process.env.SIM_BENCH_NATIVE_JSON) {
  native = JSON.parse(readFileSync(process.env.SIM_BENCH_NATIVE_JSON, 'utf8')).results;
} else if (existsSync(tool)) {
  const args = (process.env.SIM_BENCH_NATIVE_SIZES ?? '10000,100000,1000000').split(',');
  native = JSON.parse(execFileSync(tool.pathname, args, { encoding: 'utf8', maxBuffer: 1 << 24 })).results;
} else {
  console.log('build/native/simulate_bench is absent: native figures skipped');
}
for (const r of native ?? []) console.log('native', JSON.stringify(r));

const targets = {
  endToEndStepsPerSecondAt100k: 500_000, engineStepsPerSecondWasm: 3_000_000, bytesPerWaitingRun: 600,
  sharedOverUnrelatedTokens: 1.5, perStepTime1MOver10k: 1.3, secondCallNotSlowerThanFirst: true,
};
const perStep = (r) => r.endToEndSeconds / r.steps;
const n10k = native?.find((r) => r.n === 10000);
const n1m = native?.find((r) => r.n === 1000000);
const linearity = n10k && n1m ? perStep(n1m) / perStep(n10k) : null;
// wasm: second call from text, 1M over 10k (both warm, same input form).
const w10k = results.find((r) => r.n === 10000);
const w1m = results.find((r) => r.n === 1000000);
const wasmLinearity = w10k && w1m ? (w1m.secondCallSeconds / w1m.steps) / (w10k.fromTextSeconds / w10k.steps) : null;
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/simulate.json', import.meta.url), JSON.stringify({
  date: new Date().toISOString(), node: process.version, clock: 'process CPU time (user + system)', targets,
  wasm: results, tokens: tokenCase, native, nativeLinearity1MOver10k: linearity, wasmLinearity1MOver10k: wasmLinearity,
}, null, 2) + '\n');

const fmt = (x) => (x === undefined || x === null ? '—' : Math.round(x).toLocaleString('en-US'));
const mb = (x) => `${(x / 1e6).toFixed(1)} MB`;
const rows = results.map((r) => `| wasm (Node ${process.version}) | ${fmt(r.n)} | ${fmt(r.steps)} | ${fmt(r.engineStepsPerSecond)} | ${fmt(r.endToEndStepsPerSecond)} | ${fmt(r.secondCallStepsPerSecond)} | ${fmt(r.fromTextStepsPerSecond)} | ${fmt(r.bytesPerWaitingRun)} | ${mb(r.summaryTraceBytes)} |`);
for (const r of native ?? []) rows.push(`| native | ${fmt(r.n)} | ${fmt(r.steps)} | ${fmt(r.engineStepsPerSecond)} | ${fmt(r.endToEndStepsPerSecond)} | — | — | ${fmt(r.bytesPerWaitingRun)} | ${r.traceBytes ? mb(r.traceBytes) : '—'} |`);
writeFileSync(new URL('./results/simulate.md', import.meta.url), [
  '| runtime | N runs | steps | engine steps/s | end to end steps/s (1st call, object) | 2nd call | from JSON text | bytes per waiting run | summary trace |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows,
  '',
  `Shared token against unrelated tokens, ${fmt(tokenRuns)} runs end to end: ${tokenCase.shared.seconds.toFixed(3)} s against ${tokenCase.unrelated.seconds.toFixed(3)} s (${tokenCase.ratio.toFixed(2)}×; target ≤ ${targets.sharedOverUnrelatedTokens}×).`,
  linearity === null ? '' : `Native per-step time end to end, 1M runs over 10k runs: ${linearity.toFixed(2)}× (target ≤ ${targets.perStepTime1MOver10k}×).`,
  wasmLinearity === null ? '' : `wasm per-step time end to end (second call, from text), 1M runs over 10k runs: ${wasmLinearity.toFixed(2)}×.`,
  'At 1M runs the wasm scenario goes in as JSON text (170 MB; its object graph alone would be gigabytes of JS heap): "1st call, object" is then the first call from text.',
  '',
  'End to end: `dryRun(scenario, { detail: "summary" })` until the trace object is in hand; its `runs` and `messages` are parsed when first read (reading them all is in simulate.json, `readEveryRunSeconds`).',
  'Times are process CPU time (the machine is shared; wall time mostly measures other tenants).',
  '',
  `Targets: end to end ≥ ${fmt(targets.endToEndStepsPerSecondAt100k)} steps/s at 100k runs, engine ≥ ${fmt(targets.engineStepsPerSecondWasm)} steps/s (wasm), ≤ ${fmt(targets.bytesPerWaitingRun)} bytes per waiting run, a second call not slower than the first.`,
  '',
].join('\n'));
