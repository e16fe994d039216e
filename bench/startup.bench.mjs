// Package size and start-up time of the PACKED package, per runtime: how long from `import`
// to the first result (init + one normalize of the seed example). Fresh process / page /
// worker for every sample. Writes bench/results/startup.json and bench/results/startup.md.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { installed, packageName, seedText, resolveExport, repoRoot } from '../tests/runtime/installed.js';
import { entrySize } from '../tests/size-budget.js';
import { launchArgs } from '../tests/runtime/browser-page.js';
import { serve } from '../tests/runtime/serve.js';

const SAMPLES = Number(process.env.CAW_BENCH_SAMPLES ?? 10);
const { project, pkgDir, pkg } = installed();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const round = (x) => Math.round(x * 100) / 100;
const summary = (samples) => ({
  import: round(median(samples.map((s) => s.import))),
  firstResult: round(median(samples.map((s) => s.firstResult))),
  total: round(median(samples.map((s) => s.import + s.firstResult))),
  minFirstResult: round(Math.min(...samples.map((s) => s.firstResult))),
  minTotal: round(Math.min(...samples.map((s) => s.import + s.firstResult))),
  cpu: samples.every((s) => typeof s.cpu === 'number') ? round(median(samples.map((s) => s.cpu))) : null,
  samples: samples.length,
});

// The measured program: the same in Node, Deno and Chromium (the entry differs by runtime).
const measure = (specifier) => `
  const cpu = globalThis.process?.cpuUsage?.bind(globalThis.process);
  const c0 = cpu?.();
  const t0 = performance.now();
  const api = await import(${JSON.stringify(specifier)});
  const t1 = performance.now();
  await api.init();
  const out = api.normalize(${JSON.stringify(seedText)});
  const t2 = performance.now();
  if (!out.startsWith('{"automation"')) throw new Error('bad result');
  const c1 = cpu?.(c0);
  globalThis.__startup = { import: t1 - t0, firstResult: t2 - t1, cpu: c1 ? (c1.user + c1.system) / 1000 : null };
`;

import { loadavg, cpus } from 'node:os';
const results = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadavg: loadavg().map(round), size: {}, startup: {} };

// --- size ---
for (const entry of ['js/node.js', 'js/browser.js', 'js/workerd.js']) {
  const s = entrySize(entry, pkgDir);
  results.size[entry] = { wasm: s.wasm, js: s.js, total: s.total, files: s.files };
}
const tarball = execFileSync('npm', ['pack', '--json', '--dry-run', '--loglevel=error'], { cwd: repoRoot, encoding: 'utf8' });
results.size.tarball = { bytes: JSON.parse(tarball)[0].size, files: JSON.parse(tarball)[0].entryCount };

// --- Node: a fresh process per sample, importing by package name ---
{
  const file = join(project, 'bench-node.mjs');
  writeFileSync(file, measure(packageName) + 'console.log(JSON.stringify(globalThis.__startup));');
  const samples = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(JSON.parse(execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8' })));
  results.startup.node = summary(samples);
}

// --- Deno ---
const deno = join(repoRoot, 'node_modules/.bin/deno');
if (existsSync(deno)) {
  const file = join(project, 'bench-deno.mjs');
  writeFileSync(file, measure(packageName) + 'console.log(JSON.stringify(globalThis.__startup));');
  const env = { ...process.env, DENO_DIR: mkdtempSync(join(tmpdir(), 'caw-deno-')), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
  const samples = [];
  for (let i = 0; i < Math.min(SAMPLES, 5); i++) {
    samples.push(JSON.parse(execFileSync(deno, ['run', '--quiet', '--allow-read=.', '--node-modules-dir=manual', file], { cwd: project, encoding: 'utf8', env })));
  }
  results.startup.deno = summary(samples);
} else console.warn('!! Deno missing: skipped');

// --- Chromium: a fresh browser context per sample ---
if (existsSync('/usr/bin/chromium')) {
  const { chromium } = await import('playwright-core');
  const dir = join(project, 'bench-page');
  mkdirSync(dir, { recursive: true });
  const entry = resolveExport(pkg, '.', ['browser']);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>');
  writeFileSync(join(dir, 'main.js'), measure(`/node_modules/${packageName}/${entry.slice(2)}`));
  const server = await serve(project, { 'Content-Security-Policy': "script-src 'self' 'wasm-unsafe-eval'" });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: launchArgs });
  const samples = [];
  for (let i = 0; i < Math.min(SAMPLES, 5); i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/bench-page/index.html`);
    await page.waitForFunction(() => globalThis.__startup !== undefined, null, { timeout: 60_000 });
    samples.push(await page.evaluate(() => globalThis.__startup));
    await context.close();
  }
  await browser.close();
  await server.close();
  results.startup.chromium = summary(samples);
} else console.warn('!! Chromium missing: skipped');

// --- workerd (miniflare): init + first result inside the first request of a fresh worker ---
if (existsSync(join(repoRoot, 'node_modules/miniflare/package.json'))) {
  const { startWorker } = await import('../tests/runtime/worker.js');
  const samples = [];
  for (let i = 0; i < Math.min(SAMPLES, 3); i++) {
    const { mf } = await startWorker(project, pkg);
    const body = await (await mf.dispatchFetch('http://worker/', { method: 'POST', body: seedText })).json();
    await mf.dispose();
    if (!body.ok) throw new Error(body.error);
    samples.push({ import: 0, firstResult: body.ms });  // the import happens before the request: not measurable inside
  }
  results.startup.workerd = { ...summary(samples), note: 'init + first result in the first request; module evaluation not included' };
} else console.warn('!! miniflare missing: skipped');

// --- write ---
const out = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'startup.json'), JSON.stringify(results, null, 2) + '\n');
const kb = (b) => (b / 1024).toFixed(1);
const s = results.size['js/node.js'];
const md = [
  `# Start-up and size (${results.date.slice(0, 10)}, Node ${results.node}, ${results.cpus} cores, load average ${results.loadavg[0]} at start)`,
  '',
  '| what | raw | gzip -9 |',
  '|---|---:|---:|',
  `| .wasm | ${kb(s.wasm.raw)} KB | ${kb(s.wasm.gz)} KB |`,
  `| JS of the main entry (glue + ${s.files.length - 2} files, each gzipped alone) | ${kb(s.js.raw)} KB | ${kb(s.js.gz)} KB |`,
  `| total (Node entry) | ${kb(s.total.raw)} KB | ${kb(s.total.gz)} KB |`,
  `| npm tarball (${results.size.tarball.files} files) | | ${kb(results.size.tarball.bytes)} KB |`,
  '',
  'Medians (best of the samples in brackets); "first result" is `await init()` plus one `normalize` of the seed example.',
  '',
  'CPU is the user + system time of the process over the same span (all threads), where the runtime exposes it; on a loaded machine it is a steadier figure than wall time.',
  '',
  '| runtime | import (ms) | init + first result (ms) | import to first result (ms) | CPU (ms) | samples |',
  '|---|---:|---:|---:|---:|---:|',
  ...Object.entries(results.startup).map(([rt, r]) => `| ${rt}${r.note ? ' ¹' : ''} | ${rt === 'workerd' ? '–' : r.import} | ${r.firstResult} (${r.minFirstResult}) | ${rt === 'workerd' ? '–' : `${r.total} (${r.minTotal})`} | ${r.cpu ?? '–'} | ${r.samples} |`),
  '',
  results.startup.workerd ? `¹ ${results.startup.workerd.note}.` : '',
  '',
].join('\n');
writeFileSync(join(out, 'startup.md'), md);
console.log(md);
