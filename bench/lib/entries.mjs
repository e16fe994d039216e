/**
 * What a published entry really loads: the file its package.json "exports" map resolves to under
 * a runtime's conditions, every module reachable from it by static import, and every .wasm those
 * modules load (a `new URL('x.wasm', import.meta.url)`, an `import m from 'x.wasm'`, a
 * `'x.wasm?module'`, or a self-reference to a subpath that resolves to a .wasm). Read from the
 * files, so it follows the entries wherever the build puts them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The runtime conditions the package publishes, in the order a table lists them. */
export const RUNTIME_CONDITIONS = ['node', 'browser', 'deno', 'workerd', 'edge-light', 'default'];

/** `exports[subpath]` resolved for a runtime condition (plus `import`), or null. Node's algorithm: first matching key wins. */
export function resolveExport(pkg, subpath, condition) {
  const conditions = new Set([condition, 'import', 'default']);
  let target = typeof pkg.exports === 'string' && subpath === '.' ? pkg.exports : pkg.exports?.[subpath];
  while (target && typeof target === 'object' && !Array.isArray(target)) {
    const key = Object.keys(target).find((k) => conditions.has(k));
    if (!key) return null;
    target = target[key];
  }
  return typeof target === 'string' ? target : null;
}

let acorn;
try { acorn = await import('acorn'); } catch { acorn = null; }
export const parser = acorn ? `acorn ${acorn.version}` : 'regex (acorn not installed)';

/** Specifiers a module's source names: static imports/re-exports, dynamic imports, .wasm strings. */
function specifiers(source) {
  const out = { static: [], dynamic: [], wasm: [] };
  const isWasm = (s) => /\.wasm(\?module)?$/.test(s);
  if (!acorn) {
    // Fallback: comments first, so JSDoc `import('./x.js')` types are not taken for imports.
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
    for (const m of code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?['"]([^'"]+)['"]/g)) (isWasm(m[1]) ? out.wasm : out.static).push(m[1]);
    for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.dynamic.push(m[1]);
    for (const m of code.matchAll(/['"`]([^'"`\s]+\.wasm(?:\?module)?)['"`]/g)) out.wasm.push(m[1]);
    return out;
  }
  const ast = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'module' });
  const stack = [ast];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node.type !== 'string') continue;
    if ((node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') && node.source) {
      (isWasm(node.source.value) ? out.wasm : out.static).push(node.source.value);
      continue;
    }
    if (node.type === 'ImportExpression' && node.source.type === 'Literal' && typeof node.source.value === 'string') out.dynamic.push(node.source.value);
    if (node.type === 'Literal' && typeof node.value === 'string' && isWasm(node.value)) out.wasm.push(node.value);
    if (node.type === 'TemplateLiteral' && node.expressions.length === 0 && isWasm(node.quasis[0].value.cooked)) out.wasm.push(node.quasis[0].value.cooked);
    for (const key in node) {
      const v = node[key];
      if (Array.isArray(v)) for (const c of v) stack.push(c);
      else if (v && typeof v === 'object' && typeof v.type === 'string') stack.push(v);
    }
  }
  return out;
}

/**
 * @param {string} pkgDir the installed package's folder
 * @param {object} pkg its package.json
 * @param {string} target an exports target (`./js/node.js`)
 * @param {string} condition the runtime condition self-references resolve under
 * @returns {{ files: string[], wasm: string[], dynamic: string[], external: string[] }} paths relative to pkgDir
 */
export function entryGraph(pkgDir, pkg, target, condition) {
  const files = [];
  const wasm = new Set();
  const dynamic = new Set();
  const external = new Set();
  const seen = new Set();
  // A specifier to a file in the package, or null (a builtin or another package).
  const locate = (spec, from, quiet = false) => {
    if (spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/')) return resolve(dirname(from), spec.replace(/\?.*$/, ''));
    if (spec === pkg.name || spec.startsWith(`${pkg.name}/`)) {
      const t = resolveExport(pkg, spec === pkg.name ? '.' : `.${spec.slice(pkg.name.length)}`, condition);
      return t ? join(pkgDir, t) : null;
    }
    if (!quiet && !spec.startsWith('node:')) external.add(spec);
    return null;
  };
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (file.endsWith('.wasm')) { wasm.add(file); return; }
    files.push(file);
    const found = specifiers(readFileSync(file, 'utf8'));
    for (const s of found.static) { const f = locate(s, file); if (f) walk(f); }
    // A bare 'x.wasm' is text (a message), not a load: only paths and self-references count.
    for (const s of found.wasm) { const f = locate(s, file, true); if (f) wasm.add(f); }
    for (const s of found.dynamic) { const f = locate(s, file); if (f) dynamic.add(f); }
  };
  walk(join(pkgDir, target));
  const rel = (f) => relative(pkgDir, f);
  return { files: files.map(rel), wasm: [...wasm].map(rel), dynamic: [...dynamic].filter((f) => !seen.has(f)).map(rel), external: [...external] };
}
