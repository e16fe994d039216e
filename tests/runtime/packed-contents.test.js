// No dynamic code anywhere in the packed package: it must run under CSP
// `script-src 'self' 'wasm-unsafe-eval'`, in Cloudflare Workers and on Vercel Edge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { installed } from './installed.js';

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]);
}

test('the packed JS has no eval, new Function or string timers', () => {
  const { pkgDir } = installed();
  const js = files(pkgDir).filter((f) => /\.(m|c)?js$/.test(f));
  assert.ok(js.some((f) => f.endsWith('courier_automations.mjs')), 'the glue is packed');
  assert.ok(js.some((f) => f.endsWith('dist/dry-run/browser.js')), 'the bundles are packed');
  for (const f of js) {
    const text = readFileSync(f, 'utf8');
    for (const pattern of [/\beval\s*\(/, /\bnew\s+Function\s*\(/, /[^.\w]Function\s*\(\s*['"`]/, /set(Timeout|Interval)\s*\(\s*['"`]/]) {
      assert.doesNotMatch(text, pattern, `${relative(pkgDir, f)} uses dynamic code (${pattern})`);
    }
  }
});

test('npm pack ships only what the entries need', () => {
  const { pkgDir, pkg } = installed();
  const shipped = files(pkgDir).map((f) => relative(pkgDir, f)).sort();
  for (const f of shipped) {
    assert.match(f, /^(package\.json|README\.md|LICENSE.*|spec\/openapi\.json|dist\/courier_automations\.(mjs|wasm)|dist\/caw_validate\.wasm|dist\/([\w-]+\/)?[\w-]+\.js|js\/.+\.(js|d\.ts))$/, `unexpected file in the package: ${f}`);
  }
  // Every target of the exports map is in the package.
  const targets = [];
  const collect = (t) => (typeof t === 'string' ? targets.push(t) : Object.values(t).forEach(collect));
  collect(pkg.exports);
  for (const t of targets) {
    assert.ok(shipped.includes(t.replace(/^\.\//, '')), `exports target ${t} is not packed`);
  }
});
