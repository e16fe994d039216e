// Dry-run benchmark in wasm under Node, side by side with the native one (build/native/simulate_bench).
// Engine alone: a simulator holding the scenario's runs (construction and invocations not timed),
// then advance to now (every run reaches its delay: heap per waiting run) and runUntilIdle,
// timed. End to end: dryRun(scenario object, { detail: 'summary' }) until the trace object is in hand.
// The package is imported by name: `./dry-run` when the package exports it, else the main entry.
// Writes bench/results/simulate.json and bench/results/simulate.md.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { entryGraph, resolveExport } from './lib/entries.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const subpath = pkg.exports['./dry-run'] ? './dry-run' : '.';
const api = await import(subpath === '.' ? pkg.name : `${pkg.name}/dry-run`);

/**
 * The raw Embind module (its Simulator, stepsExecuted, heapBytes), when the entry's import graph
 * has a module that exports `instance()` (unbundled entries); null for a bundled entry, where the
 * engine is measured through the public Simulator instead and the heap per run is not known.
 */
async function rawModule() {
  const target = resolveExport(pkg, subpath, 'node');
  for (const file of entryGraph(repoRoot, pkg, target, 'node').files) {
    if (!/export\s+function\s+instance\b/.test(readFileSync(join(repoRoot, file), 'utf8'))) continue;
    const m = await import(pathToFileURL(join(repoRoot, file)).href);
    const wasm = m.instance();
    if (typeof wasm?.Simulator === 'function') return wasm;
  }
  return null;
}

const sizes = (process.env.SIM_BENCH_SIZES ?? '10000,100000').split(',').map(Number);

// Same generator as bench/native/simulate_bench.cpp.
function generate(n) {
  const invocations = [];
  for (let i = 0; i < n; i++) {
    const steps = [];
    if (i % 20 === 5) steps.push({ action: 'fetch-data', webhook: { url: 'https://bench.test/user', method: 'GET' }, merge_strategy: 'overwrite' });
    else if (i % 20 === 15) steps.push({ action: 'update-profile', profile: { seen: true }, merge: 'overwrite' });
    steps.push({ action: 'delay', duration: '1 day' }, { action: 'send' });
    const automation = i % 10 === 0 ? { cancelation_token: `tok-${(i / 10) % 1000}`, steps } : { steps };
    invocations.push({ request: { recipient: `user-${i}`, template: 'T', data: { i }, automation } });
  }
  for (let t = 0; t < 1000 && t * 10 < n; t++) {
    invocations.push({ at: '2024-01-01T12:00:00Z', request: { recipient: 'ops', automation: { steps: [{ action: 'cancel', cancelation_token: `tok-${t}` }] } } });
  }
  return { now: '2024-01-01T00:00:00Z', seed: 1, fixtures: { webhooks: [{ method: 'GET', url: 'https://bench.test/user', response: { plan: 'pro' } }] }, invocations };
}

await api.init();
const wasm = process.env.SIM_BENCH_ENGINE === 'public' ? null : await rawModule();
// CPU time of this process (user + system), not wall time: the benchmark machine is shared.
const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/** Engine alone on the raw module: { engineMs, steps, heapWaiting }. */
function engineRaw(scenario) {
  const before = wasm.heapBytes();
  const sim = new wasm.Simulator(JSON.stringify(scenario), '{"detail":"summary"}');
  if (!sim.ok()) throw new Error(sim.report());
  let t0 = cpuNow();
  sim.advance(scenario.now);
  let engineMs = cpuNow() - t0;
  const heapWaiting = wasm.heapBytes() - before;
  t0 = cpuNow();
  sim.runUntilIdle();
  engineMs += cpuNow() - t0;
  const steps = sim.stepsExecuted();
  sim.delete();
  return { engineMs, steps, heapWaiting };
}

/** Engine alone through the public Simulator (runs invoked one by one, untimed). */
async function enginePublic(scenario) {
  const sim = await api.Simulator.create({ now: scenario.now, seed: scenario.seed, detail: 'summary', fixtures: scenario.fixtures });
  for (const inv of scenario.invocations) sim.invoke(inv.request, inv.at ? { at: inv.at } : {});
  let t0 = cpuNow();
  await sim.advance(scenario.now);
  let engineMs = cpuNow() - t0;
  t0 = cpuNow();
  await sim.runUntilIdle();
  engineMs += cpuNow() - t0;
  // Every step the engine started (skipped ones included), as the raw stepsExecuted() counts.
  const steps = sim.trace().runs.reduce((n, run) => n + run.steps.filter((st) => st.startedAt !== null).length, 0);
  sim.delete();
  return { engineMs, steps, heapWaiting: null };
}

const results = [];
for (const n of sizes) {
  const scenario = generate(n);
  const { engineMs, steps, heapWaiting } = wasm ? engineRaw(scenario) : await enginePublic(scenario);
  const waitingRuns = n;
  let t0;
  t0 = cpuNow();
  const trace = await api.dryRun(scenario, { detail: 'summary' });
  const e2eMs = cpuNow() - t0;
  if (trace.runs.length !== n + Math.min(1000, Math.ceil(n / 10))) throw new Error('unexpected run count');
  const r = {
    n, steps,
    engineSeconds: engineMs / 1000, engineStepsPerSecond: Math.round(steps / (engineMs / 1000)),
    endToEndSeconds: e2eMs / 1000, endToEndStepsPerSecond: Math.round(steps / (e2eMs / 1000)),
    waitingRuns, bytesPerWaitingRun: heapWaiting === null ? null : Math.round(heapWaiting / waitingRuns),
    wasmMemoryBytes: wasm?.HEAPU8?.length ?? null, engine: wasm ? 'raw module' : 'public Simulator',
  };
  results.push(r);
  console.log('wasm', JSON.stringify(r));
}

let native = null;
const tool = new URL('../build/native/simulate_bench', import.meta.url);
if (process.env.SIM_BENCH_NATIVE_JSON) {
  // Figures from an earlier `build/native/simulate_bench` run (it takes a while at 1M).
  native = JSON.parse(readFileSync(process.env.SIM_BENCH_NATIVE_JSON, 'utf8')).results;
  for (const r of native) console.log('native', JSON.stringify(r));
} else if (existsSync(tool)) {
  const args = (process.env.SIM_BENCH_NATIVE_SIZES ?? '10000,100000,1000000').split(',');
  native = JSON.parse(execFileSync(tool.pathname, args, { encoding: 'utf8', maxBuffer: 1 << 24 })).results;
  for (const r of native) console.log('native', JSON.stringify(r));
} else {
  console.log('build/native/simulate_bench is absent: native figures skipped');
}

const targets = { engineStepsPerSecond: 2_000_000, endToEndStepsPerSecond: 500_000, bytesPerWaitingRun: 1024 };
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/simulate.json', import.meta.url), JSON.stringify({
  date: new Date().toISOString(), node: process.version, clock: 'process CPU time (user + system)', targets, wasm: results, native,
}, null, 2) + '\n');
const fmt = (x) => (x === undefined || x === null ? '—' : Math.round(x).toLocaleString('en-US'));
const rows = [];
for (const r of results) rows.push(`| wasm (Node ${process.version}) | ${fmt(r.n)} | ${fmt(r.steps)} | ${fmt(r.engineStepsPerSecond)} | ${fmt(r.endToEndStepsPerSecond)} | ${fmt(r.bytesPerWaitingRun)} |`);
for (const r of native ?? []) rows.push(`| native | ${fmt(r.n)} | ${fmt(r.steps)} | ${fmt(r.engineStepsPerSecond)} | ${fmt(r.endToEndStepsPerSecond)} | ${fmt(r.bytesPerWaitingRun)} |`);
writeFileSync(new URL('./results/simulate.md', import.meta.url), [
  '| runtime | N runs | steps | engine steps/s | end-to-end steps/s | bytes per waiting run |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows,
  '',
  'Times are process CPU time (the machine is shared; wall time mostly measures other tenants).',
  ...(wasm ? [] : ['', 'The wasm engine figures come from the public `Simulator` (the bundled entry does not expose the raw module), so the heap per waiting run (`heapBytes()`) is not known there: —.']),
  '',
  `Targets: engine ≥ ${fmt(targets.engineStepsPerSecond)} steps/s (wasm), end to end ≥ ${fmt(targets.endToEndStepsPerSecond)} steps/s, ≤ ${fmt(targets.bytesPerWaitingRun)} bytes per waiting run.`,
  '',
].join('\n'));
