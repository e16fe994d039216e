// Cold start: from `import` to the first `validate` result (every field of every problem read) in a
// FRESH process or browser context per sample, against an ajv validator precompiled with
// ajv/dist/standalone (import of that module + TextDecoder + JSON.parse + the first call). The
// package is the packed one, installed into a temp project and imported by name, so each runtime
// resolves its own entry through package.json "exports". Samples of the two sides alternate.
// Writes bench/results/startup.{json,md}. Not a test.
//
// Knobs: CAW_BENCH_SAMPLES (processes per side, default 15; Chromium and Deno use at most that),
// CAW_BENCH_RUNTIMES (comma-separated subset of node,deno,chromium), CAW_INSTALLED (an installed
// project to reuse, see tests/runtime/installed.js).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { installed, packageName, resolveExport, seedText, repoRoot } from '../tests/runtime/installed.js';
import { launchArgs } from '../tests/runtime/browser-page.js';
import { serve } from '../tests/runtime/serve.js';
import { writeAjvStandalone } from './lib/ajv-standalone.mjs';
import { readAjv, readReport } from './lib/read.mjs';
import { knob, machine, median, quartiles, round, times, verdict, table } from './lib/stats.mjs';

const SAMPLES = knob('CAW_BENCH_SAMPLES', 15);
const RUNTIMES = (process.env.CAW_BENCH_RUNTIMES ?? 'node,deno,chromium').split(',').map((s) => s.trim());
const TARGET = 1.0;
const payload = JSON.stringify(JSON.parse(seedText)); // the seed example, 266 bytes

const { project, pkg } = installed();
const ajvName = writeAjvStandalone({ dir: project }).file.split('/').pop();

/**
 * The measured program, the same text in every runtime: the payload is encoded before the clock
 * starts; `load()` is the import (by package name, or of the ajv module); `run` the first result.
 * The readers are inlined from ./lib/read.mjs so both sides read what the throughput bench reads.
 */
const program = (side, ajvSpecifier = `./${ajvName}`) => `
const readReport = ${readReport.toString()};
const readAjv = ${readAjv.toString()};
const bytes = new TextEncoder().encode(${JSON.stringify(payload)});
const cpu = globalThis.process?.cpuUsage?.bind(globalThis.process);
const c0 = cpu?.();
const t0 = performance.now();
let t1, read;
if (${JSON.stringify(side)} === 'ours') {
  const api = await import(${JSON.stringify(packageName)});
  t1 = performance.now();
  if (typeof api.init === 'function') await api.init();
  const report = api.validate(bytes);
  if (!report.valid) throw new Error('the seed example should be valid');
  read = readReport(report);
} else {
  const { default: validate } = await import(${JSON.stringify(ajvSpecifier)});
  t1 = performance.now();
  const ok = validate(JSON.parse(new TextDecoder().decode(bytes)));
  if (!ok) throw new Error('ajv rejects the seed example');
  read = readAjv(ok, validate);
}
const t2 = performance.now();
const c1 = cpu?.(c0);
globalThis.__coldStart = { import: t1 - t0, first: t2 - t1, total: t2 - t0, cpu: c1 ? (c1.user + c1.system) / 1000 : null, read };
`;

/** Runs `once(side)` SAMPLES times per side, alternating which side goes first. */
async function interleaved(samples, once) {
  const out = { ours: [], ajv: [] };
  for (let i = 0; i < samples; i++) {
    for (const side of i % 2 ? ['ajv', 'ours'] : ['ours', 'ajv']) out[side].push(await once(side));
  }
  return out;
}

function summarise(samples) {
  const sum = (side) => {
    const xs = samples[side];
    const pick = (k) => xs.map((s) => s[k]);
    return {
      total: round(median(pick('total'))), totalQuartiles: quartiles(pick('total')).map((x) => round(x)),
      import: round(median(pick('import'))), first: round(median(pick('first'))),
      cpu: xs.every((s) => typeof s.cpu === 'number') ? round(median(pick('cpu'))) : null,
      process: xs.every((s) => typeof s.process === 'number') ? round(median(pick('process'))) : null,
      samples: xs.length,
    };
  };
  const ours = sum('ours');
  const ajvSide = sum('ajv');
  // Sample i of one side ran next to sample i of the other: their ratio saw the same load.
  const ratios = samples.ours.map((s, i) => s.total / samples.ajv[i].total);
  return { ours, ajv: ajvSide, ratio: round(median(ratios), 3), ratioQuartiles: quartiles(ratios).map((x) => round(x, 3)) };
}

const results = { ...machine(), samples: SAMPLES, payloadBytes: payload.length, target: { ratio: TARGET }, runtimes: {} };

// --- Node: a fresh process per sample ---
if (RUNTIMES.includes('node')) {
  const files = {};
  for (const side of ['ours', 'ajv']) {
    files[side] = join(project, `cold-start-${side}.mjs`);
    writeFileSync(files[side], program(side) + 'console.log(JSON.stringify(globalThis.__coldStart));\n');
  }
  const samples = await interleaved(SAMPLES, (side) => {
    const t = performance.now();
    const out = JSON.parse(execFileSync(process.execPath, [files[side]], { cwd: project, encoding: 'utf8' }));
    return { ...out, process: performance.now() - t };
  });
  results.runtimes.node = { version: process.version, entry: resolveExport(pkg, '.', ['node', 'import']), ...summarise(samples) };
}

// --- Deno: the same program, the package from the installed node_modules ---
const deno = join(repoRoot, 'node_modules/.bin/deno');
if (RUNTIMES.includes('deno') && existsSync(deno)) {
  const files = {};
  for (const side of ['ours', 'ajv']) {
    files[side] = join(project, `cold-start-deno-${side}.mjs`);
    writeFileSync(files[side], program(side) + 'console.log(JSON.stringify(globalThis.__coldStart));\n');
  }
  const env = { ...process.env, DENO_DIR: mkdtempSync(join(tmpdir(), 'caw-deno-')), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
  const run = (side) => {
    const t = performance.now();
    const out = JSON.parse(execFileSync(deno, ['run', '--quiet', '--allow-read=.', '--node-modules-dir=manual', files[side]], { cwd: project, encoding: 'utf8', env }));
    return { ...out, process: performance.now() - t };
  };
  run('ours'); run('ajv'); // Deno caches its own compile of each file: the first run of each is not a sample
  const samples = await interleaved(Math.min(SAMPLES, 10), run);
  const version = execFileSync(deno, ['--version'], { encoding: 'utf8' }).split('\n')[0];
  results.runtimes.deno = { version, entry: resolveExport(pkg, '.', ['deno', 'import']), ...summarise(samples) };
} else if (RUNTIMES.includes('deno')) console.warn('!! Deno missing: skipped');

// --- Chromium: a fresh browser context (no cache, no code cache) per sample ---
if (RUNTIMES.includes('chromium') && existsSync('/usr/bin/chromium')) {
  const { chromium } = await import('playwright-core');
  const entry = resolveExport(pkg, '.', ['browser', 'import']);
  const dir = join(project, 'cold-start-page');
  mkdirSync(dir, { recursive: true });
  // The page imports the package by name; the import map says where, as a bundler-free app would.
  const importMap = { imports: { [packageName]: `/node_modules/${packageName}/${entry.replace(/^\.\//, '')}` } };
  for (const side of ['ours', 'ajv']) {
    writeFileSync(join(dir, `${side}.html`), `<!doctype html><meta charset="utf-8"><script type="importmap">${JSON.stringify(importMap)}</script><script type="module" src="./${side}.js"></script>\n`);
    writeFileSync(join(dir, `${side}.js`), program(side, `/${ajvName}`));
  }
  const server = await serve(project);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: launchArgs });
  const once = async (side) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const failed = new Promise((_, reject) => page.on('pageerror', (e) => reject(new Error(`${side} page: ${e}`))));
    await page.goto(`${server.url}/cold-start-page/${side}.html`);
    await Promise.race([page.waitForFunction(() => globalThis.__coldStart !== undefined, null, { timeout: 60_000 }), failed]);
    const out = await page.evaluate(() => globalThis.__coldStart);
    await context.close();
    return out;
  };
  await once('ours'); await once('ajv'); // the browser's first contexts pay its own warm-up: not samples
  const samples = await interleaved(Math.min(SAMPLES, 10), once);
  const version = browser.version();
  await browser.close();
  await server.close();
  results.runtimes.chromium = { version, entry, ...summarise(samples) };
} else if (RUNTIMES.includes('chromium')) console.warn('!! Chromium missing: skipped');

// --- write ---
const met = Object.values(results.runtimes).every((r) => r.ratio <= TARGET);
results.targetMet = met;
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('startup.json', dir), JSON.stringify(results, null, 2) + '\n');
const ms = (x) => (x === null ? '–' : x.toFixed(1));
const md = [
  `## Cold start: import → first \`validate\` result vs ajv standalone`,
  '',
  `${results.date.slice(0, 10)}, ${results.cpus} × ${results.cpu}, load average ${results.loadavg[0]} at the end.`,
  `A fresh process (Node, Deno) or browser context (Chromium, no cache) per sample; the package is the packed one,`,
  `imported by name. Ours: import + \`init()\` + \`validate(bytes)\` of the seed example (${payload.length} B), every problem field read.`,
  `ajv: import of the precompiled standalone module + TextDecoder + JSON.parse + the call. Medians (quartiles in brackets);`,
  `the ratio is taken between samples run back to back. CPU is user + system of the process over the span (all threads).`,
  `Target: **≤ ${TARGET.toFixed(1)}× the ajv figure**.`,
  '',
  table(
    ['runtime', 'entry', 'ours: import', 'ours: first result', 'ours total (ms)', 'ajv total (ms)', 'ours/ajv', 'CPU ours / ajv (ms)', 'process ours / ajv (ms)', 'samples', `≤ ${TARGET.toFixed(1)}×`],
    Object.entries(results.runtimes).map(([rt, r]) => [
      rt, `\`${r.entry}\``, ms(r.ours.import), ms(r.ours.first),
      `${ms(r.ours.total)} (${r.ours.totalQuartiles.map(ms).join('–')})`, `${ms(r.ajv.total)} (${r.ajv.totalQuartiles.map(ms).join('–')})`,
      `${times(r.ratio)} (${r.ratioQuartiles.map((x) => x.toFixed(2)).join('–')})`,
      r.ours.cpu === null ? '–' : `${ms(r.ours.cpu)} / ${ms(r.ajv.cpu)}`,
      r.ours.process === null ? '–' : `${ms(r.ours.process)} / ${ms(r.ajv.process)}`,
      r.ours.samples, r.ratio <= TARGET ? 'yes' : 'no',
    ]),
    ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
  ),
  '',
  `Target ≤ ${TARGET.toFixed(1)}× in every runtime: ${verdict(met)}.`,
  '',
].join('\n');
writeFileSync(new URL('startup.md', dir), md);
console.log('\n' + md);
