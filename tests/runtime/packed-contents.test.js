// No dynamic code anywhere in the packed package: it must run under CSP
// `script-src 'self' 'wasm-unsafe-eval'`, in Cloudflare Workers and on Vercel Edge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { installed, repoRoot } from './installed.js';
import { anchorsOf, linksOf } from '../js/docs-markdown.js';

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
    assert.match(f, /^(package\.json|README\.md|LICENSE.*|spec\/openapi\.json|docs\/[\w-]+\.md|schemas\/[\w.-]+\.schema\.json|dist\/courier_automations\.(mjs|wasm)|dist\/caw_validate\.wasm|dist\/([\w-]+\/)?[\w-]+\.js|js\/.+\.(js|d\.ts))$/, `unexpected file in the package: ${f}`);
  }
  // Every target of the exports map is in the package.
  const targets = [];
  const collect = (t) => (typeof t === 'string' ? targets.push(t) : Object.values(t).forEach(collect));
  collect(pkg.exports);
  for (const t of targets) {
    // A subpath pattern ("./schemas/*") must match at least one packed file.
    const path = t.replace(/^\.\//, '');
    const re = new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace('*', '.+')}$`);
    assert.ok(path.includes('*') ? shipped.some((f) => re.test(f)) : shipped.includes(path), `exports target ${t} is not packed`);
  }
});

// The docs travel in the package (docs/README.md, "Where the docs live"): an installed user
// reads README.md and docs/*.md in node_modules, with no repository URL to fall back on.
test('the docs are packed, and every link between them resolves inside the package', () => {
  const { pkgDir } = installed();
  const docs = readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).sort();
  const packed = readdirSync(join(pkgDir, 'docs')).sort();
  assert.deepEqual(packed, docs, 'docs/*.md and nothing else under docs/');
  const dead = [];
  for (const page of ['README.md', ...docs.map((f) => `docs/${f}`)]) {
    for (const { target, line, image } of linksOf(readFileSync(join(pkgDir, page), 'utf8'))) {
      // Screenshots stay in the repository (too large for what they add); source files
      // linked for contributors too. Pages, and their anchors, must be there.
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || image) continue;
      const [pathPart, anchor] = target.split('#');
      const path = pathPart ? join(dirname(join(pkgDir, page)), decodeURIComponent(pathPart)) : join(pkgDir, page);
      if (!path.endsWith('.md') && pathPart) continue;
      if (!existsSync(path)) dead.push(`${page}:${line}: ${target}`);
      else if (anchor !== undefined && !anchorsOf(readFileSync(path, 'utf8')).has(anchor)) dead.push(`${page}:${line}: ${target} (anchor)`);
    }
  }
  assert.deepEqual(dead, []);
});
