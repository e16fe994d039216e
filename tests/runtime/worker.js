/** A miniflare worker over the installed package (used by the workerd test and the bench). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeProbe, packageName, resolveExport } from './installed.js';

/** Writes the worker into the installed project and returns a started Miniflare. */
export async function startWorker(project, pkg) {
  const { Miniflare } = await import('miniflare');
  const entry = resolveExport(pkg, '.', ['workerd', 'worker', 'browser']);
  writeProbe(project);
  writeFileSync(join(project, 'worker.mjs'), `
    import * as api from './node_modules/${packageName}/${entry.slice(2)}';
    import { probe } from './probe.mjs';
    export default {
      async fetch(request) {
        const started = performance.now();
        try {
          await api.init();
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
    scriptPath: join(project, 'worker.mjs'),
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

