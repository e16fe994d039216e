// Throughput, side by side in one process: `validate(bytes)` at the courier level against
// TextDecoder + JSON.parse + an ajv validator precompiled with ajv/dist/standalone from the same
// schema, both sides reading every field of every problem. Samples of the two sides alternate
// (order flipped every round) so machine load hits both alike; the ratio is taken per round and
// the median reported. Writes bench/results/validate.{json,md}. Not a test.
//
// Knobs: CAW_BENCH_SAMPLES (rounds, default 31), CAW_BENCH_SAMPLE_MS (ms per side per round,
// default 40), CAW_BENCH_CORPORA (comma-separated substrings of corpus names).
import { mkdirSync, writeFileSync } from 'node:fs';
import { corpora } from './lib/corpora.mjs';
import { writeAjvStandalone } from './lib/ajv-standalone.mjs';
import { readAjv, readReport, problemCount } from './lib/read.mjs';
import { knob, machine, median, quartiles, round, int, times, verdict, table } from './lib/stats.mjs';

const ROUNDS = knob('CAW_BENCH_SAMPLES', 31);
const SAMPLE_MS = knob('CAW_BENCH_SAMPLE_MS', 40);
const TARGET = 5;

// By package name: Node resolves the self-reference through package.json "exports" (node condition).
const api = await import('courier-automations-wasm');
if (typeof api.init === 'function') await api.init();
const { validate } = api;

const ajvFirst = (await import(writeAjvStandalone().url)).default;
const ajvAll = (await import(writeAjvStandalone({ allErrors: true }).url)).default;
const decoder = new TextDecoder();
const ours = (bytes) => readReport(validate(bytes));
const ajvSide = (v) => (bytes) => readAjv(v(JSON.parse(decoder.decode(bytes))), v);

/** Each corpus against ajv as the differential test configures it; the error corpus also against allErrors. */
const rows = [];
for (const c of corpora()) {
  const report = validate(c.bytes);
  const parsed = JSON.parse(decoder.decode(c.bytes));
  const ajvOk = ajvFirst(parsed);
  // The corpus must be what its name says, or the row measures something else.
  if (c.kind === 'seed' && (!report.valid || !ajvOk)) throw new Error(`${c.name}: expected valid`);
  if (c.kind === 'valid' && (!report.valid || report.warnings.length || !ajvOk)) throw new Error(`${c.name}: expected valid without warnings`);
  // (Whether an `if` outside the dry run's subset is a validate warning is the validator's call.)
  if (c.kind === 'if-ref' && (!report.valid || !ajvOk)) throw new Error(`${c.name}: expected valid`);
  if (c.kind === 'errors' && (report.valid || report.errors.length < 100 || ajvOk)) throw new Error(`${c.name}: expected many errors`);
  const base = { corpus: c.name, kind: c.kind, bytes: c.bytes.length, steps: parsed.automation.steps.length, problems: problemCount(report) };
  rows.push({ ...base, ajv: 'allErrors: false', ajvProblems: ajvFirst.errors?.length ?? 0, sides: [ours, ajvSide(ajvFirst)], data: c.bytes });
  if (c.kind === 'errors') {
    ajvAll(parsed);
    rows.push({ ...base, ajv: 'allErrors: true', ajvProblems: ajvAll.errors?.length ?? 0, sides: [ours, ajvSide(ajvAll)], data: c.bytes });
  }
}

let sink = 0;
/** Iterations of `fn` that take about SAMPLE_MS (at least one). */
function calibrate(fn, data) {
  for (let n = 1; ; n *= 2) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) sink += fn(data);
    const ms = performance.now() - t0;
    if (ms >= SAMPLE_MS / 4 || n >= 1 << 24) return Math.max(1, Math.round((n * SAMPLE_MS) / Math.max(ms, 1e-3)));
  }
}
/** Calls per second over `n` back-to-back calls. */
function sample(fn, data, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sink += fn(data);
  return (n * 1000) / (performance.now() - t0);
}

const mbps = (rate, bytes) => (rate * bytes) / 1e6;
for (const row of rows) {
  const [a, b] = row.sides;
  const n = [calibrate(a, row.data), calibrate(b, row.data)]; // also the warm-up
  const rates = [[], []];
  const ratios = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? [1, 0] : [0, 1];
    const got = [];
    for (const s of order) got[s] = sample(row.sides[s], row.data, n[s]);
    rates[0].push(got[0]);
    rates[1].push(got[1]);
    ratios.push(got[0] / got[1]);
  }
  Object.assign(row, {
    oursPerSecond: round(median(rates[0])), ajvPerSecond: round(median(rates[1])),
    oursMBps: round(mbps(median(rates[0]), row.bytes)), ajvMBps: round(mbps(median(rates[1]), row.bytes)),
    ratio: round(median(ratios), 3), ratioQuartiles: quartiles(ratios).map((x) => round(x, 3)),
    callsPerSample: { ours: n[0], ajv: n[1] }, rounds: ROUNDS,
  });
  delete row.sides;
  delete row.data;
  console.log(`${row.corpus.padEnd(14)} ${String(row.bytes).padStart(8)} B  ours ${row.oursMBps.toFixed(1).padStart(7)} MB/s  ajv ${row.ajvMBps.toFixed(1).padStart(7)} MB/s  (${row.ajv})  ours/ajv ${times(row.ratio)} [${row.ratioQuartiles.map((x) => x.toFixed(2)).join('–')}]`);
}
if (sink === 0.5) console.log(sink); // keeps the reads observable

const met = rows.every((r) => r.ratio >= TARGET);
const results = { ...machine(), rounds: ROUNDS, sampleMs: SAMPLE_MS, target: { ratio: TARGET }, targetMet: met, rows };
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('validate.json', dir), JSON.stringify(results, null, 2) + '\n');

const md = [
  `## Throughput: \`validate(bytes)\` vs TextDecoder + JSON.parse + ajv standalone`,
  '',
  `${results.date.slice(0, 10)}, Node ${results.node}, ${results.cpus} × ${results.cpu}, load average ${results.loadavg[0]} at the end.`,
  `Courier level, every field of every problem read on both sides; ajv compiled ahead of time with`,
  `\`ajv/dist/standalone\` from the differential test's schema. Median of ${ROUNDS} interleaved rounds of ~${SAMPLE_MS} ms per side;`,
  `the ratio is taken within each round (quartiles in brackets). Target: **≥ ${TARGET}× at every size**.`,
  '',
  table(
    ['corpus', 'bytes', 'steps', 'problems (ours / ajv)', 'ours MB/s', 'ajv MB/s', 'ajv options', 'ours/ajv', `≥ ${TARGET}×`],
    rows.map((r) => [r.corpus, int(r.bytes), int(r.steps), `${int(r.problems)} / ${int(r.ajvProblems)}`, r.oursMBps.toFixed(1), r.ajvMBps.toFixed(1),
      r.ajv, `${times(r.ratio)} (${r.ratioQuartiles.map((x) => x.toFixed(2)).join('–')})`, r.ratio >= TARGET ? 'yes' : 'no']),
    ['l', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'l'],
  ),
  '',
  `Target ≥ ${TARGET}× on every row: ${verdict(met)}.`,
  '',
].join('\n');
writeFileSync(new URL('validate.md', dir), md);
console.log('\n' + md);
