/** A miniflare worker over the installed package (used by the workerd test). */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeProbe, packageName, resolveExport, importEntries } from './installed.js';

/** The worker's fetch handler: init every entry (with `init` as given), probe the request body. */
const handler = (init) => `
  import { probe } from './probe.mjs';
  export default {
    async fetch(request) {
      try {
        ${init}
        const result = await probe({ main, dryRun, client }, await request.text());
        return Response.json({ ok: true, result });
      } catch (e) {
        return Response.json({ ok: false, error: String(e && e.stack || e) }, { status: 500 });
      }
    },
  };`;

/**
 * Writes a worker into the installed project and starts it in miniflare. By default it imports
 * the entries the exports map gives for workerd and calls init(); with `hostModule`, it imports
 * the default entries and hands init() the .wasm modules it imported itself (the
 * `init({ module })` pattern). Returns the main entry's file.
 */
export async function startWorker(project, pkg, { hostModule = false } = {}) {
  const { Miniflare } = await import('miniflare');
  const conditions = hostModule ? ['default'] : ['workerd', 'worker', 'browser'];
  const wasm = (subpath) => `./node_modules/${packageName}/${resolveExport(pkg, subpath, []).slice(2)}`;
  writeProbe(project);
  const file = hostModule ? 'worker-host-module.mjs' : 'worker.mjs';
  writeFileSync(join(project, file), `
    ${importEntries(pkg, { conditions })}
    ${hostModule ? `import smallWasm from '${wasm('./wasm')}';\n    import fullWasm from '${wasm('./dry-run/wasm')}';` : ''}
    ${handler(hostModule
    ? 'await main.init({ module: smallWasm }); await dryRun.init({ module: fullWasm, validate: { module: smallWasm } });'
    : 'await main.init(); await dryRun.init();')}
  `);
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(project, file),
    modulesRoot: project,
    modulesRules: [
      { type: 'ESModule', include: ['**/*.js', '**/*.mjs'] },
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
    ],
    compatibilityDate: '2024-09-23',
  });
  await readyOrDisposed(mf);
  return { mf, entry: resolveExport(pkg, '.', conditions) };
}

/**
 * The "edge-light" entries (Vercel Edge) in workerd, which forbids compiling bytes just as the
 * Edge runtime does. Vercel's bundler turns `import m from './x.wasm?module'` into a
 * WebAssembly.Module; here the module list does the same by naming a CompiledWasm module
 * `.../x.wasm?module` for each .wasm. Every bundle of the package is given as is.
 */
export async function startEdgeWorker(project, pkg) {
  const { Miniflare } = await import('miniflare');
  const pkgDir = join(project, 'node_modules', packageName);
  writeProbe(project);
  const modules = [
    { type: 'ESModule', path: join(project, 'edge-worker.mjs'),
      contents: `${importEntries(pkg, { conditions: ['edge-light'] })}\n${handler('await main.init(); await dryRun.init();')}` },
    { type: 'ESModule', path: join(project, 'probe.mjs'), contents: readFileSync(join(project, 'probe.mjs'), 'utf8') },
  ];
  const dist = join(pkgDir, 'dist');
  for (const f of readdirSync(dist, { recursive: true }).map(String)) {
    if (f.endsWith('.js')) modules.push({ type: 'ESModule', path: join(dist, f), contents: readFileSync(join(dist, f), 'utf8') });
    if (f.endsWith('.wasm')) modules.push({ type: 'CompiledWasm', path: join(dist, `${f}?module`), contents: readFileSync(join(dist, f)) });
  }
  const mf = new Miniflare({ modules, modulesRoot: project, compatibilityDate: '2024-09-23' });
  await readyOrDisposed(mf);
  return { mf, entry: resolveExport(pkg, '.', ['edge-light']) };
}

/** Waits for miniflare; a workerd that failed to start is disposed, so it cannot keep the test process alive. */
async function readyOrDisposed(mf) {
  try {
    await mf.ready;
  } catch (e) {
    await mf.dispose().catch(() => {});
    throw e;
  }
}
