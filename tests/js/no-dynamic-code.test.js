// Shipped code must run under CSP `script-src 'self' 'wasm-unsafe-eval'` and in workerd, where
// eval and the Function constructor are forbidden: nothing in js/, the bundles or the wasm glue may use them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function shippedFiles() {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const out = [];
  async function walk(dir) {
    for (const e of await readdir(join(root, dir), { withFileTypes: true })) {
      const rel = join(dir, e.name);
      if (e.isDirectory()) await walk(rel);
      else if (/\.(m?js)$/.test(e.name)) out.push(rel);
    }
  }
  for (const entry of pkg.files) {
    if (entry.endsWith('/')) await walk(entry.replace(/\/$/, ''));
    else if (entry.includes('*')) {
      // A one-level glob such as dist/*.js.
      const dir = entry.slice(0, entry.lastIndexOf('/'));
      const name = new RegExp(`^${entry.slice(dir.length + 1).replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
      for (const e of await readdir(join(root, dir), { withFileTypes: true })) if (e.isFile() && name.test(e.name)) out.push(join(dir, e.name));
    } else if (/\.(m?js)$/.test(entry)) out.push(entry);
  }
  return out;
}

const forbidden = [
  [/\bnew\s+Function\s*\(/, 'new Function('],
  [/(^|[^\w$.])Function\s*\(\s*["'`]/, 'Function("...")'],
  [/(^|[^\w$.])eval\s*\(/, 'eval('],
  [/setTimeout\s*\(\s*["'`]/, 'setTimeout with a string'],
];

test('no eval, Function constructor or string timers in shipped JS', async () => {
  const files = await shippedFiles();
  assert.ok(files.includes('dist/courier_automations.mjs'), 'the wasm glue is checked too');
  for (const bundle of ['dist/node.js', 'dist/browser.js', 'dist/dry-run/browser.js', 'dist/client/index.js']) {
    assert.ok(files.includes(bundle), `the bundle ${bundle} is checked too`);
  }
  assert.ok(files.some((f) => f.startsWith('js/')), 'the package JS is checked');
  for (const f of files) {
    const text = await readFile(join(root, f), 'utf8');
    for (const [pattern, name] of forbidden) {
      const m = pattern.exec(text);
      assert.equal(m, null, `${f} uses ${name}: …${m && text.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
    }
  }
});

test('the forbidden patterns do catch dynamic code', () => {
  for (const sample of ['x = new Function("return 1")', 'eval("1")', 'y=Function("a","return a")', 'setTimeout("go()", 1)']) {
    assert.ok(forbidden.some(([p]) => p.test(sample)), sample);
  }
  for (const sample of ['createNamedFunction(name)', 'obj.eval(x)', 'craftInvokerFunction(a)']) {
    assert.ok(!forbidden.some(([p]) => p.test(sample)), sample);
  }
});
