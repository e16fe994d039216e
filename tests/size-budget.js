/**
 * What each published entry costs a user, gzip -9: its bundle, every bundle it imports
 * statically (the dry run's imports the main entry's) and every .wasm those files load.
 * `node tests/size-budget.js` prints every entry × runtime condition and fails when the main
 * entry passes its guard: a check against accidental bloat (a dependency pulled into the
 * validate path, a debug build), not the size target (32 KB gz, issue 11).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAIN_GUARD_GZ = 40 * 1024;
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Files a bundle loads: itself, the bundles it imports by relative static import (import/export
 * ... from, or a bare import), and the .wasm files they name.
 * @param {string} file absolute path of a bundle
 */
export function loadedFiles(file) {
  const seen = new Set();
  const walk = (f) => {
    if (seen.has(f)) return;
    seen.add(f);
    if (!f.endsWith('.js')) return;
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\b(?:import|export)\s*(?:[^'"();]*?\bfrom\s*)?["'](\.{1,2}\/[^'"?]+\.js)["']/g)) {
      walk(resolve(dirname(f), m[1]));
    }
    for (const m of text.matchAll(/["'](\.{1,2}\/[^'"?]*?\.wasm)(?:\?module)?["']/g)) seen.add(resolve(dirname(f), m[1]));
  };
  walk(file);
  return [...seen];
}

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

/**
 * Every bundled entry × condition of package.json "exports": the files it loads, with sizes.
 * @returns {{ entry: string, condition: string, target: string, files: { file: string, raw: number, gz: number }[],
 *   js: number, wasm: number, total: number }[]} gz bytes
 */
export function entrySizes(base = root) {
  const pkg = JSON.parse(readFileSync(join(base, 'package.json'), 'utf8'));
  const out = [];
  for (const [entry, targets] of Object.entries(pkg.exports)) {
    if (typeof targets !== 'object') continue;
    for (const [condition, target] of Object.entries(targets)) {
      if (!/^\.\/dist\/.+\.js$/.test(target)) continue;
      const files = loadedFiles(join(base, target)).map((f) => {
        const b = readFileSync(f);
        return { file: relative(base, f), raw: b.length, gz: gz(b) };
      });
      const sum = (list) => list.reduce((a, f) => a + f.gz, 0);
      const wasm = sum(files.filter((f) => f.file.endsWith('.wasm')));
      const js = sum(files.filter((f) => !f.file.endsWith('.wasm')));
      out.push({ entry, condition, target, files, js, wasm, total: js + wasm });
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let failed = false;
  for (const s of entrySizes()) {
    const guard = s.entry === '.' ? ` (guard ${MAIN_GUARD_GZ})` : '';
    const line = `${s.entry} [${s.condition}] ${s.target}: JS ${s.js} + wasm ${s.wasm} = ${s.total} B gz${guard}`;
    if (s.entry === '.' && s.total > MAIN_GUARD_GZ) {
      failed = true;
      console.error(`FAIL size guard: ${line}\n${s.files.map((f) => `  ${f.file} ${f.gz}`).join('\n')}`);
    } else {
      console.log(line);
    }
  }
  if (failed) process.exit(1);
}
