// Size of every published entry, per runtime condition, from the packed package installed the way
// a user gets it: the file "exports" resolves to, its static import graph and the .wasm it loads,
// each file gzip -9 on its own (as a server sends them) and summed. Writes
// bench/results/size.{json,md}. Not a test.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { installed, repoRoot } from '../tests/runtime/installed.js';
import { RUNTIME_CONDITIONS, entryGraph, parser, resolveExport } from './lib/entries.mjs';
import { kb, machine, table, verdict } from './lib/stats.mjs';

const MAIN_TARGET_GZ = 32 * 1024;
const { pkgDir, pkg } = installed();

const measured = new Map();
const sizeOf = (file) => {
  if (!measured.has(file)) {
    if (!existsSync(join(pkgDir, file))) throw new Error(`${file} is loaded by an entry but missing from the packed package ("files" in package.json?)`);
    const bytes = readFileSync(join(pkgDir, file));
    measured.set(file, { file, raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length });
  }
  return measured.get(file);
};
const sum = (list) => list.reduce((a, f) => ({ raw: a.raw + f.raw, gz: a.gz + f.gz }), { raw: 0, gz: 0 });

// One row per (subpath, resolved file); the conditions that resolve to the same file share it.
const entries = [];
for (const subpath of Object.keys(pkg.exports ?? {})) {
  // package.json and pattern exports (./schemas/*: data files, not code an entry loads) are not entries.
  if (subpath === './package.json' || subpath.includes('*')) continue;
  const byTarget = new Map();
  for (const condition of RUNTIME_CONDITIONS) {
    const target = resolveExport(pkg, subpath, condition);
    if (!target) continue;
    if (!byTarget.has(target)) byTarget.set(target, { subpath, target, conditions: [] });
    byTarget.get(target).conditions.push(condition);
  }
  for (const e of byTarget.values()) {
    if (/\.wasm$/.test(e.target)) {
      const w = sizeOf(e.target.replace(/^\.\//, ''));
      entries.push({ ...e, kind: 'asset', files: [], wasm: [w], dynamic: [], external: [], js: { raw: 0, gz: 0 }, wasmTotal: { raw: w.raw, gz: w.gz }, total: { raw: w.raw, gz: w.gz } });
      continue;
    }
    const g = entryGraph(pkgDir, pkg, e.target, e.conditions[0]);
    const js = sum(g.files.map(sizeOf));
    const wasm = sum(g.wasm.map(sizeOf));
    entries.push({
      ...e, kind: 'module', files: g.files.map(sizeOf), wasm: g.wasm.map(sizeOf), dynamic: g.dynamic.map(sizeOf), external: g.external,
      js, wasmTotal: wasm, total: { raw: js.raw + wasm.raw, gz: js.gz + wasm.gz },
    });
  }
}

const pack = JSON.parse(execFileSync('npm', ['pack', '--json', '--dry-run', '--loglevel=error'], { cwd: repoRoot, encoding: 'utf8' }))[0];
const main = entries.filter((e) => e.subpath === '.');
const met = main.length > 0 && main.every((e) => e.total.gz <= MAIN_TARGET_GZ);
const results = {
  ...machine(), version: pkg.version, parser, target: { mainEntryGz: MAIN_TARGET_GZ }, targetMet: met,
  tarball: { bytes: pack.size, unpacked: pack.unpackedSize, files: pack.entryCount }, entries,
};
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('size.json', dir), JSON.stringify(results, null, 2) + '\n');

const names = (list) => list.map((f) => f.file.split('/').pop()).join(', ');
const md = [
  `## Size: what each published entry loads, gzip -9`,
  '',
  `${results.date.slice(0, 10)}, packed package ${pkg.name}@${pkg.version} installed into a temp project. Per runtime condition`,
  `(\`exports\` resolved as that runtime does): the entry's static import graph plus the .wasm it loads, each file gzip -9 on its`,
  `own and summed. Lazily imported files (\`import()\`) are listed, not counted. Target: **main entry (\`.\`) ≤ ${kb(MAIN_TARGET_GZ, 0)} gz** in every runtime.`,
  '',
  table(
    ['entry', 'conditions', 'resolves to', 'JS modules', 'JS gz', 'wasm gz', 'total gz', 'total raw', 'lazy (not counted)', `≤ ${kb(MAIN_TARGET_GZ, 0)}`],
    entries.map((e) => [
      `\`${e.subpath}\``, e.conditions.join(', '), `\`${e.target}\``, e.kind === 'asset' ? '–' : String(e.files.length), e.kind === 'asset' ? '–' : kb(e.js.gz),
      e.wasm.length ? `${kb(e.wasmTotal.gz)} (${names(e.wasm)})` : '–', `**${kb(e.total.gz)}**`, kb(e.total.raw),
      e.dynamic.length ? `${kb(sum(e.dynamic).gz)} (${names(e.dynamic)})` : '–',
      e.subpath === '.' ? (e.total.gz <= MAIN_TARGET_GZ ? 'yes' : 'no') : '',
    ]),
    ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'l', 'l'],
  ),
  '',
  `npm tarball: ${kb(pack.size)} (${pack.entryCount} files, ${kb(pack.unpackedSize)} unpacked).`,
  `Main entry ≤ ${kb(MAIN_TARGET_GZ, 0)} gz under every condition: ${verdict(met)}.`,
  '',
].join('\n');
writeFileSync(new URL('size.md', dir), md);
console.log('\n' + md);
