/** A miniflare worker over the installed package (used by the workerd test and the bench). */
import { writeFileSync } from 'node:fs';
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
  await mf.ready;
  return { mf, entry };
}
