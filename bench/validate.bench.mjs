// `npm run bench`: payloads/s of validate() on bytes (courier and schema levels) against
// TextDecoder + JSON.parse + ajv standalone code generated from the same OpenAPI schema, and
// JSON.parse alone, on four corpora. Writes bench/results/validate.{json,md}. Not a test.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { loadavg, cpus } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { init, validate } from 'courier-automations-wasm';
import { requestSchema, ajvOptions } from '../tests/js/support/ajv-schema.js';
import { prng, validPayload } from '../tests/js/support/payloads.js';

const root = new URL('../', import.meta.url);
const MIN_MS = Number(process.env.BENCH_MS ?? 1500);

// ---- ajv standalone: generated at bench time into build/, imported as a module (no new Function)
const ajv = new Ajv({ ...ajvOptions, code: { source: true, esm: true } });
const compiled = ajv.compile(requestSchema());
const genDir = new URL('build/bench/', root);
mkdirSync(genDir, { recursive: true });
const genFile = new URL('ajv-standalone-request.mjs', genDir);
writeFileSync(genFile, standaloneCode(ajv, compiled));
const ajvStandalone = (await import(pathToFileURL(fileURLToPath(genFile)).href)).default;

// ---- corpora
const r = prng(42);
const corpora = [
  { name: 'seed example', bytes: readFileSync(new URL('tests/fixtures/valid/seed-example.json', root)) },
  { name: '50 steps', bytes: Buffer.from(JSON.stringify(validPayload(r, 50))) },
  { name: '1,000 steps', bytes: Buffer.from(JSON.stringify(validPayload(r, 1000))) },
  { name: '10,000 steps', bytes: Buffer.from(JSON.stringify(validPayload(r, 10000))) },
].map((c) => ({ ...c, bytes: new Uint8Array(c.bytes), text: Buffer.from(c.bytes).toString('utf8') }));

await init();
const decoder = new TextDecoder();
for (const c of corpora) {
  const ours = validate(c.bytes);
  if (!ours.valid) throw new Error(`${c.name} is not valid: ${JSON.stringify(ours.errors[0])}`);
  if (!ajvStandalone(JSON.parse(c.text))) throw new Error(`${c.name} fails ajv`);
}

function rate(fn) {
  for (let i = 0; i < 5; i++) fn(); // warm-up
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  let batch = 1;
  while (elapsed < MIN_MS) {
    for (let i = 0; i < batch; i++) fn();
    n += batch;
    elapsed = performance.now() - start;
    if (elapsed < MIN_MS / 10) batch *= 2;
  }
  return (n * 1000) / elapsed;
}

const rows = [];
for (const c of corpora) {
  const a = rate(() => validate(c.bytes));
  const b = rate(() => validate(c.bytes, { level: 'schema' }));
  const cc = rate(() => ajvStandalone(JSON.parse(decoder.decode(c.bytes))));
  const d = rate(() => JSON.parse(c.text));
  rows.push({
    corpus: c.name, bytes: c.bytes.length,
    a_validate_courier: a, b_validate_schema: b, c_decode_parse_ajv: cc, d_json_parse: d,
    ratio_a_c: a / cc, ratio_b_c: b / cc,
  });
  console.log(`${c.name.padEnd(14)} ${String(c.bytes.length).padStart(8)} B  a ${a.toFixed(0).padStart(8)}/s  b ${b.toFixed(0).padStart(8)}/s  c ${cc.toFixed(0).padStart(8)}/s  d ${d.toFixed(0).padStart(8)}/s  a/c ${(a / cc).toFixed(2)}  b/c ${(b / cc).toFixed(2)}`);
}

// ---- sizes and cold start
const wasmBytes = readFileSync(new URL('dist/courier_automations.wasm', root));
const glueBytes = readFileSync(new URL('dist/courier_automations.mjs', root));
const sizes = {
  wasm_raw: wasmBytes.length, wasm_gzip: gzipSync(wasmBytes, { level: 9 }).length,
  glue_raw: glueBytes.length, glue_gzip: gzipSync(glueBytes, { level: 9 }).length,
};
const child = `const t0 = performance.now();
const m = await import('courier-automations-wasm');
await m.init();
const r = m.validate(new TextEncoder().encode(${JSON.stringify(corpora[0].text)}));
if (!r.valid) process.exit(1);
console.log(performance.now() - t0);`;
const starts = [];
for (let i = 0; i < 7; i++) {
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', child], { cwd: fileURLToPath(root), encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`cold start child failed: ${out.stderr}`);
  starts.push(Number(out.stdout.trim()));
}
starts.sort((x, y) => x - y);
const coldStartMs = starts[Math.floor(starts.length / 2)];

const target = 5.0;
const met = rows.every((row) => row.ratio_a_c >= target);
const results = {
  date: new Date().toISOString(), node: process.version, cpus: cpus().length, load_average_1m: loadavg()[0], min_ms_per_measurement: MIN_MS,
  target_ratio_a_c: target, target_met_at_every_size: met, rows, sizes, cold_start_ms_median_of_7: coldStartMs,
};
mkdirSync(new URL('bench/results/', root), { recursive: true });
writeFileSync(new URL('bench/results/validate.json', root), JSON.stringify(results, null, 2) + '\n');

const f = (x) => Math.round(x).toLocaleString('en-US');
const kb = (x) => `${(x / 1024).toFixed(1)} KB`;
const md = `# validate() benchmark

Node ${process.version}, ${results.date}, ${results.cpus} CPUs, 1-minute load average
${results.load_average_1m.toFixed(1)} during the run (the machine is shared: figures move a lot between runs;
the ratios, measured back to back, move less). Payloads per second (higher is better); each figure
measured for at least ${MIN_MS} ms after warm-up. (a) \`validate(bytes)\` at the courier level,
(b) at the schema level, (c) \`TextDecoder\` + \`JSON.parse\` + ajv standalone code generated
from the same schema, (d) \`JSON.parse\` alone (of an already decoded string).

| corpus | bytes | (a) courier | (b) schema | (c) decode+parse+ajv | (d) JSON.parse | a/c | b/c |
|---|---:|---:|---:|---:|---:|---:|---:|
${rows.map((x) => `| ${x.corpus} | ${f(x.bytes)} | ${f(x.a_validate_courier)} | ${f(x.b_validate_schema)} | ${f(x.c_decode_parse_ajv)} | ${f(x.d_json_parse)} | ${x.ratio_a_c.toFixed(2)} | ${x.ratio_b_c.toFixed(2)} |`).join('\n')}

Target a/c ≥ ${target} at every size: **${met ? 'met' : 'not met'}**.

| artifact | raw | gzip -9 |
|---|---:|---:|
| courier_automations.wasm | ${kb(sizes.wasm_raw)} | ${kb(sizes.wasm_gzip)} |
| courier_automations.mjs (glue) | ${kb(sizes.glue_raw)} | ${kb(sizes.glue_gzip)} |

Fresh Node process, import to first validated payload: **${coldStartMs.toFixed(1)} ms** (median of 7).
`;
writeFileSync(new URL('bench/results/validate.md', root), md);
console.log(`sizes ${JSON.stringify(sizes)}; cold start ${coldStartMs.toFixed(1)} ms; a/c >= ${target} everywhere: ${met}`);
