// The targets of issue 11 in one table, from the results the benchmarks just wrote
// (bench/results/{size,startup,validate}.json). Writes bench/results/summary.md and prints it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { int, kb, times, table } from './lib/stats.mjs';

const dir = new URL('./results/', import.meta.url);
const load = (name) => (existsSync(new URL(`${name}.json`, dir)) ? JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) : null);
const size = load('size');
const startup = load('startup');
const throughput = load('validate');
const yes = (met) => (met ? 'yes' : '**no**');
const rows = [];

if (size) {
  for (const e of size.entries.filter((x) => x.subpath === '.')) {
    rows.push([`\`import '${'courier-automations-wasm'}'\` + wasm, gzip -9 (${e.conditions.join(', ')})`,
      `${kb(e.total.gz)} (wasm ${kb(e.wasmTotal.gz, 1).replace(' KB', '')} + JS ${kb(e.js.gz, 1).replace(' KB', '')}; ${e.files.length} JS module${e.files.length === 1 ? "" : "s"})`,
      `≤ ${kb(size.target.mainEntryGz, 0)}`, yes(e.total.gz <= size.target.mainEntryGz)]);
  }
}
if (startup) {
  for (const [rt, r] of Object.entries(startup.runtimes)) {
    rows.push([`import → first \`validate\` result, fresh ${rt === 'chromium' ? 'Chromium context' : `${rt} process`}, vs ajv standalone`,
      `${r.ours.total.toFixed(1)} ms vs ${r.ajv.total.toFixed(1)} ms (${times(r.ratio)})`, `≤ ${startup.target.ratio.toFixed(1)}×`, yes(r.ratio <= startup.target.ratio)]);
  }
}
if (throughput) {
  const sizes = throughput.rows.filter((r) => r.kind === 'seed' || r.kind === 'valid');
  rows.push([`\`validate(bytes)\` vs TextDecoder + JSON.parse + ajv at ${sizes.map((r) => (r.kind === 'seed' ? `${r.bytes} B` : r.corpus)).join(' / ')}`,
    sizes.map((r) => times(r.ratio)).join(' / '), `≥ ${throughput.target.ratio}× at every size`, yes(sizes.every((r) => r.ratio >= throughput.target.ratio))]);
  for (const r of throughput.rows.filter((x) => x.kind !== 'seed' && x.kind !== 'valid')) {
    rows.push([`… ${r.corpus} (${int(r.problems)} problems; ajv ${r.ajv})`, times(r.ratio), `≥ ${throughput.target.ratio}×`, yes(r.ratio >= throughput.target.ratio)]);
  }
}

const dates = [size, startup, throughput].filter(Boolean).map((x) => x.date.slice(0, 10));
const md = [
  '## Issue 11 targets',
  '',
  `From \`npm run bench\` (${[...new Set(dates)].join(', ')}; details in bench/results/{size,startup,validate}.md, raw figures in the .json beside them).`,
  '',
  table(['what a web or edge user feels', 'measured', 'target', 'met?'], rows, ['l', 'l', 'l', 'l']),
  '',
].join('\n');
writeFileSync(new URL('summary.md', dir), md);
console.log('\n' + md);
