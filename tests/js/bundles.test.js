// The bundles in dist/ (what package.json "exports" and these tests import by package name) are
// what scripts/bundle.mjs makes of js/ now: a test run never checks stale bundles unknowingly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, bundledEntries } from '../../scripts/bundle.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('every bundle in dist/ is up to date with js/ (else: node scripts/bundle.mjs, or npm run build)', async () => {
  const { outputFiles } = await bundle({ write: false });
  assert.equal(outputFiles.length, bundledEntries().length);
  for (const f of outputFiles) {
    const file = relative(root, f.path);
    let current = '';
    try {
      current = readFileSync(f.path, 'utf8');
    } catch { /* missing: differs */ }
    assert.ok(current === f.text, `${file} is stale: run node scripts/bundle.mjs`);
  }
});

test('the exports map names a bundle for every entry and runtime condition', () => {
  assert.deepEqual(bundledEntries(), ['browser', 'client/index', 'dry-run/browser', 'dry-run/edge', 'dry-run/node',
    'dry-run/workerd', 'edge', 'emulator/index', 'node', 'workerd']);
});
