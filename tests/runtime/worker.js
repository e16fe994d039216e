/** A miniflare worker over the installed package (used by the workerd test and the bench). */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeProbe, packageName, resolveExport } from './installed.js';

/**
 * Writes a worker into the installed project and starts it in miniflare. By default it imports
 * the entry the exports map gives for workerd and calls init(); with `hostModule`, it imports
 * the default entry and hands init() a .wasm it imported itself (the `init({ module })` pattern).
 */
export async function startWorker(project, pkg, { hostModule = false } = {}) {
  const { Miniflare } = await import('miniflare');
  const entry = resolveExport(pkg, '.', hostModule ? ['default'] : ['workerd', 'worker', 'browser']);
  const wasm = resolveExport(pkg, './courier_automations.wasm', []);
  writeProbe(project);
  const file = hostModule ? 'worker-host-module.mjs' : 'worker.mjs';
  writeFileSync(join(project, file), `
    import * as api from './node_modules/${packageName}/${entry.slice(2)}';
    ${hostModule ? `import wasmModule from './node_modules/${packageName}/${wasm.slice(2)}';` : ''}
    import { probe } from './probe.mjs';
    export default {
      async fetch(request) {
        const started = performance.now();
        try {
          await api.init(${hostModule ? '{ module: wasmModule }' : ''});
          const result = await probe(api, await request.text());
          return Response.json({ ok: true, result, ms: performance.now() - started });
        } catch (e) {
          return Response.json({ ok: false, error: String(e && e.stack || e) }, { status: 500 });
        }
      },
    };
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
  return { mf, entry };
}

/**
 * The "edge-light" entry (Vercel Edge) in workerd, which forbids compiling bytes just as the
 * Edge runtime does. Vercel's bundler turns `import m from './x.wasm?module'` into a
 * WebAssembly.Module; here the module list does the same by naming a CompiledWasm module
 * `.../courier_automations.wasm?module`. Every other file of the package is given as is.
 */
export async function startEdgeWorker(project, pkg) {
  const { Miniflare } = await import('miniflare');
  const entry = resolveExport(pkg, '.', ['edge-light']);
  const pkgDir = join(project, 'node_modules', packageName);
  writeProbe(project);
  const modules = [{
    type: 'ESModule',
    path: join(project, 'edge-worker.mjs'),
    contents: `
      import * as api from './node_modules/${packageName}/${entry.slice(2)}';
      import { probe } from './probe.mjs';
      export default {
        async fetch(request) {
          try {
            await api.init();
            return Response.json({ ok: true, result: await probe(api, await request.text()) });
          } catch (e) {
            return Response.json({ ok: false, error: String(e && e.stack || e) }, { status: 500 });
          }
        },
      };`,
  }, { type: 'ESModule', path: join(project, 'probe.mjs'), contents: readFileSync(join(project, 'probe.mjs'), 'utf8') }];
  // Every JS file of the package, sub-folders included (the main entry imports js/client/).
  for (const f of readdirSync(join(pkgDir, 'js'), { recursive: true })) {
    if (String(f).endsWith('.js')) modules.push({ type: 'ESModule', path: join(pkgDir, 'js', String(f)), contents: readFileSync(join(pkgDir, 'js', String(f)), 'utf8') });
  }
  modules.push({ type: 'ESModule', path: join(pkgDir, 'dist/courier_automations.mjs'), contents: readFileSync(join(pkgDir, 'dist/courier_automations.mjs'), 'utf8') });
  modules.push({ type: 'CompiledWasm', path: join(pkgDir, 'dist/courier_automations.wasm?module'), contents: readFileSync(join(pkgDir, 'dist/courier_automations.wasm')) });
  const mf = new Miniflare({ modules, modulesRoot: project, compatibilityDate: '2024-09-23' });
  await readyOrDisposed(mf);
  return { mf, entry };
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
