// The installed package through the bundlers a web app uses: a tiny app that imports the main
// entry and (lazily) ./dry-run is built with Vite and with esbuild, and each built page runs in
// Chromium under CSP `script-src 'self' 'wasm-unsafe-eval'`: a validate result, a dryRun
// result, one validator shared by both entries. Vite turns the bundles' literal
// `new URL('…wasm', import.meta.url)` into assets; esbuild users import the `./wasm` exports
// with the `file` loader and hand the URLs to init().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { installed, seedText, packageName } from './installed.js';
import { chromiumForTests } from './browser-page.js';
import { serve } from './serve.js';

const { missing, browser } = chromiumForTests();
const csp = "script-src 'self' 'wasm-unsafe-eval'";
const invalidText = '{"recipient":"u","automation":{"steps":[{"action":"delay","duration":"PT5M"}]}}';


/**
 * The app's one script. `sources` is how init() finds the .wasm files: nothing (the entries'
 * defaults, which a bundler must have made work) or the URLs the app imported itself.
 */
function appScript({ wasmImports = '', mainInit = '', dryRunInit = '' } = {}) {
  return `
    import * as main from '${packageName}';
    ${wasmImports}
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    const seed = ${JSON.stringify(seedText)};
    (async () => {
      try {
        await main.init(${mainInit});
        const report = main.validate(seed);
        const invalid = main.validate(${JSON.stringify(invalidText)});
        // The dry run is heavy: loaded only when needed, in its own chunk.
        const dryRun = await import('${packageName}/dry-run');
        await dryRun.init(${dryRunInit});
        const trace = await dryRun.dryRun(JSON.parse(seed), { now: '2024-04-01T00:00:00Z' });
        window.__result = { ok: true, valid: report.valid, errors: report.errors.length, invalid,
          runs: trace.runs.length, messages: trace.messages.length, shared: dryRun.validate === main.validate };
      } catch (e) {
        window.__result = { ok: false, error: String(e && e.stack || e) };
      }
    })();
  `;
}

const html = (script) => `<!doctype html><meta charset="utf-8"><title>caw app</title><script type="module" src="${script}"></script>\n`;

/** Loads a built page in Chromium under the CSP and returns the app's result and the requests. */
async function runPage(root, page) {
  const server = await serve(root, { 'Content-Security-Policy': csp });
  const context = await browser().newContext();
  const tab = await context.newPage();
  const log = [];
  tab.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
  tab.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
  try {
    await tab.goto(server.url + page);
    await tab.waitForFunction(() => window.__result !== undefined, null, { timeout: 60_000 });
    const result = await tab.evaluate(() => window.__result);
    assert.ok(result.ok, `page failed: ${result.error}\n${log.join('\n')}`);
    assert.deepEqual(await tab.evaluate(() => window.__violations), [], 'no CSP violation');
    return { result, requests: server.requests };
  } finally {
    await context.close();
    await server.close();
  }
}

function assertApp(result, label) {
  assert.equal(result.valid, true, `${label}: the seed example is valid`);
  assert.equal(result.errors, 0);
  assert.equal(result.invalid.valid, false, `${label}: an ISO duration is refused`);
  assert.ok(result.invalid.errors.some((p) => p.path === '/automation/steps/0/duration' && p.line === 1), JSON.stringify(result.invalid));
  assert.ok(result.runs >= 1 && result.messages === 1, `${label}: the dry run sends one message`);
  assert.equal(result.shared, true, `${label}: ./dry-run uses the main entry's validator`);
}

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const filesUnder = (dir) => readdirSync(dir, { recursive: true }).map(String).filter((f) => existsSync(join(dir, f)) && !f.endsWith('/'));

test('vite: a built app validates and dry-runs in Chromium; the .wasm files become assets', { skip: missing, timeout: 180_000 }, async (t) => {
  const { project } = installed();
  const app = join(project, 'vite-app');
  rmSync(app, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'index.html'), html('./main.js'));
  writeFileSync(join(app, 'main.js'), appScript());
  const { build } = await import('vite');
  await build({
    root: app, configFile: false, logLevel: 'error', base: './',
    build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  });
  const out = join(app, 'dist');
  const files = filesUnder(out);
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 2, `both .wasm files are assets: ${files.join(', ')}`);
  const js = files.filter((f) => f.endsWith('.js'));
  // The page's own chunk (main entry only) versus the lazily loaded dry run.
  const entryChunk = js.find((f) => readFileSync(join(out, 'index.html'), 'utf8').includes(f.split('/').pop()));
  t.diagnostic(`vite: ${js.map((f) => `${f} ${gz(join(out, f))} B gz`).join(', ')}; page chunk ${entryChunk}; ` +
    `${wasm.map((f) => `${f} ${gz(join(out, f))} B gz`).join(', ')}`);
  const { result, requests } = await runPage(project, `/${relative(project, out)}/index.html`);
  assertApp(result, 'vite');
  assert.equal(requests.filter((p) => p.endsWith('.wasm')).length, 2, 'both .wasm files fetched');
});

test('esbuild: a built app (./wasm exports through the file loader) validates and dry-runs in Chromium', { skip: missing, timeout: 180_000 }, async (t) => {
  const { project } = installed();
  const app = join(project, 'esbuild-app');
  rmSync(app, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'main.js'), appScript({
    wasmImports: `import validateWasm from '${packageName}/wasm';\n    import dryRunWasm from '${packageName}/dry-run/wasm';`,
    mainInit: '{ url: validateWasm }',
    dryRunInit: '{ url: dryRunWasm, validate: { url: validateWasm } }',
  }));
  const { build } = await import('esbuild');
  const out = join(app, 'out');
  await build({
    absWorkingDir: app, entryPoints: ['main.js'], outdir: out, bundle: true, splitting: true, format: 'esm',
    platform: 'browser', target: 'es2022', minify: true, loader: { '.wasm': 'file' }, logLevel: 'error',
  });
  writeFileSync(join(out, 'index.html'), html('./main.js'));
  const files = filesUnder(out);
  assert.equal(files.filter((f) => f.endsWith('.wasm')).length, 2, `both .wasm files copied: ${files.join(', ')}`);
  t.diagnostic(`esbuild: ${files.filter((f) => f.endsWith('.js')).map((f) => `${f} ${gz(join(out, f))} B gz`).join(', ')}`);
  const { result, requests } = await runPage(project, `/${relative(project, out)}/index.html`);
  assertApp(result, 'esbuild');
  assert.equal(requests.filter((p) => p.endsWith('.wasm')).length, 2, 'both .wasm files fetched');
});
