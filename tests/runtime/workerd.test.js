// The installed package in workerd (miniflare 3): an ES-module worker imports the entry the
// exports map gives for the "workerd" condition; .wasm imports become CompiledWasm modules, as
// wrangler makes them. The worker normalizes (and validates, once it exists) a request body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { installed, seedText, repoRoot } from './installed.js';
import { startWorker, startEdgeWorker } from './worker.js';
import { assertProbe } from './expect.js';

const missing = !existsSync(join(repoRoot, 'node_modules/miniflare/package.json'));
if (missing) console.warn('!! SKIPPED: miniflare is not installed (npm ci installs the devDependency)');

test('workerd: the "workerd" entry imports the .wasm as a module and normalizes a request body', { skip: missing, timeout: 120_000 }, async () => {
  const { project, pkg } = installed();
  const { mf, entry } = await startWorker(project, pkg);
  try {
    assert.equal(entry, './js/workerd.js');
    const response = await mf.dispatchFetch('http://worker/', { method: 'POST', body: seedText });
    const body = await response.json();
    assert.ok(body.ok, `worker failed: ${body.error}`);
    assertProbe(body.result, 'workerd');
  } finally {
    await mf.dispose();
  }
});

test('workerd: init({ module }) with a .wasm the host imported, through the default entry', { skip: missing, timeout: 120_000 }, async () => {
  const { project, pkg } = installed();
  const { mf, entry } = await startWorker(project, pkg, { hostModule: true });
  try {
    assert.equal(entry, './js/browser.js');
    const response = await mf.dispatchFetch('http://worker/', { method: 'POST', body: seedText });
    const body = await response.json();
    assert.ok(body.ok, `worker failed: ${body.error}`);
    assertProbe(body.result, 'workerd (host module)');
  } finally {
    await mf.dispose();
  }
});

test('edge-light entry (Vercel Edge) in workerd, with `.wasm?module` imports as compiled modules', { skip: missing, timeout: 120_000 }, async () => {
  const { project, pkg } = installed();
  const { mf, entry } = await startEdgeWorker(project, pkg);
  try {
    assert.equal(entry, './js/edge.js');
    const response = await mf.dispatchFetch('http://worker/', { method: 'POST', body: seedText });
    const body = await response.json();
    assert.ok(body.ok, `worker failed: ${body.error}`);
    assertProbe(body.result, 'edge-light (workerd)');
  } finally {
    await mf.dispose();
  }
});
