/**
 * Bundles every published entry into one ES module file (esbuild), one per runtime condition.
 * The entries are the JS targets of package.json "exports": `./dist/X.js` is built from
 * `js/X.js`, at the same depth, so every relative URL a source file gives (`../dist/x.wasm`,
 * `../../dist/x.wasm`) means the same file from the bundle. Kept as imports, not bundled:
 * - another entry (the dry run's `../node.js` is the main entry's bundle: one validator for both;
 *   the emulator's `../dry-run/node.js`);
 * - the .wasm files (workerd and Vercel Edge import them as modules; others resolve a URL);
 * - node: built-ins.
 * Run by scripts/build.sh after the wasm preset; `node scripts/bundle.mjs`.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Every `./dist/…/*.js` target of the exports map, as a path below dist/ without `.js`. */
export function bundledEntries(exportsMap = pkg.exports) {
  const out = new Set();
  const walk = (target) => {
    if (typeof target === 'string') {
      const m = /^\.\/dist\/(.+)\.js$/.exec(target);
      if (m) out.add(m[1]);
    } else if (target && typeof target === 'object') {
      Object.values(target).forEach(walk);
    }
  };
  walk(exportsMap);
  return [...out].sort();
}

/** @param {string[]} entries @returns {import('esbuild').Plugin} */
function keepImportsOf(entries) {
  const sources = new Set(entries.map((e) => join(root, 'js', `${e}.js`)));
  return {
    name: 'keep-entry-and-wasm-imports',
    setup(b) {
      b.onResolve({ filter: /\.wasm(\?module)?$/ }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        return sources.has(resolve(args.resolveDir, args.path)) ? { path: args.path, external: true } : undefined;
      });
    },
  };
}

/**
 * @param {{ outdir?: string, write?: boolean }} [options] where to (dist/), and whether to write
 *   files (else they come back in `outputFiles`: the staleness test compares them with dist/)
 */
export async function bundle({ outdir = 'dist', write = true } = {}) {
  const entries = bundledEntries();
  const result = await build({
    absWorkingDir: root,
    entryPoints: entries.map((e) => ({ in: `js/${e}.js`, out: e })),
    outdir,
    write,
    outExtension: { '.js': '.js' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    external: ['node:*'],
    minify: true,
    keepNames: true,  // class names are API (err.constructor.name, Class.name)
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: [keepImportsOf(entries)],
  });
  return { entries, metafile: result.metafile, outputFiles: result.outputFiles ?? [] };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { entries, metafile } = await bundle();
  for (const [file, out] of Object.entries(metafile.outputs)) {
    console.log(`bundle: ${file} ${out.bytes} B`);
  }
  if (entries.length === 0) throw new Error('package.json "exports" names no ./dist/*.js bundle');
}
