// The installed package in workerd (miniflare 3): an ES-module worker imports every entry the
// exports map gives for the "workerd" condition; .wasm imports become CompiledWasm modules, as
// wrangler makes them. The worker validates, normalizes and dry-runs a request body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { installed, seedText, repoRoot } from './installed.js';
import { startWorker, startEdgeWorker } from './worker.js';
import { assertProbe } from './expect.js';

const missing = !existsSync(join(repoRoot, 'node_modules/miniflare/package.json'));
if (missing) console.warn('!! SKIPPED: miniflare is not installed (npm ci installs the devDependency)');

test('workerd: the "workerd" entries import their .wasm as modules and validate, normalize, dry-run a request body', { skip: missing, timeout: 120_000 }, async () => {
  const { project, pkg } = installed();
  const { mf, entry } = await startWorker(project, pkg);
  try {
    assert.equal(entry, './dist/workerd.js');
    const response = await mf.dispatchFetch('http://worker/', { method: 'POST', body: seedText });
    const body = await response.json();
    assert.ok(body.ok, `worker failed: ${body.error}`);
    assertProbe(body.result, 'workerd');
  } finally {
    await mf.dispose();
  }
});

test('workerd: init({ module }) with the .wasm modules the host imported, through the default entries', { skip: missing, timeout: 120_000 }, async () => {
  const { project, pkg } = installed();
  const { mf, entry } = await startWorker(project, pkg, { hostModule: true });
  try {
    assert.equal(entry, './dist/browser.js');
    const response = await mf.dispatchFetch('http://worker/', { method: 'POST', body: seedText });
    const body = await response.json();
    assert.ok(body.ok, `worker failed: ${body.error}`);
    assertProbe(body.result, 'workerd (host module)');
  } finally {
    await mf.dispose();
  }
});

test('edge-light entries (Vercel Edge) in workerd, with `.wasm?module` imports as compiled modules', { skip: missing, timeout: 120_000 }, async () => {
  const { project, pkg } = installed();
  const { mf, entry } = await startEdgeWorker(project, pkg);
  try {
    assert.equal(entry, './dist/edge.js');
    const response = await mf.dispatchFetch('http://worker/', { method: 'POST', body: seedText });
    const body = await response.json();
    assert.ok(body.ok, `worker failed: ${body.error}`);
    assertProbe(body.result, 'edge-light (workerd)');
  } finally {
    await mf.dispose();
  }
});
