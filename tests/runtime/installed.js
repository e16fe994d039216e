/**
 * The packed package, installed the way a user gets it: `npm pack` into a temp dir, then
 * `npm install <tarball>` into an empty temp project. One install per test run: scripts/test.sh
 * installs once and passes the project dir in CAW_INSTALLED; a test file run on its own
 * installs for itself.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const packageName = 'courier-automations-wasm';

/** Packs the repo and installs the tarball into a fresh project; returns the project dir. */
export function packAndInstall() {
  const work = mkdtempSync(join(tmpdir(), 'caw-packed-'));
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work, '--loglevel=error'],
    { cwd: repoRoot, encoding: 'utf8' });
  const tarball = join(work, JSON.parse(out)[0].filename);
  const project = join(work, 'project');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'caw-consumer', private: true, type: 'module' }, null, 2));
  execFileSync('npm', ['install', tarball, '--no-audit', '--no-fund', '--loglevel=error', '--offline'],
    { cwd: project, encoding: 'utf8' });
  return project;
}

let cached = null;
/** The test run's installed project: { project, pkgDir, pkg }. */
export function installed() {
  if (!cached) {
    const project = process.env.CAW_INSTALLED && existsSync(process.env.CAW_INSTALLED)
      ? process.env.CAW_INSTALLED : packAndInstall();
    const pkgDir = join(project, 'node_modules', packageName);
    cached = { project, pkgDir, pkg: JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) };
  }
  return cached;
}

/**
 * Resolves a subpath of the installed package through its `exports` map for the given
 * conditions, the way a runtime or bundler does. Returns the path relative to the package.
 */
export function resolveExport(pkg, subpath, conditions) {
  let target = pkg.exports[subpath];
  while (target && typeof target === 'object') {
    const key = Object.keys(target).find((k) => k === 'default' || conditions.includes(k));
    if (!key) return null;
    target = target[key];
  }
  return target ?? null;
}

/** The entries every runtime test imports (probe.mjs), by the name probe() gives them. */
export const ENTRIES = { main: '.', dryRun: './dry-run', client: './client' };

/**
 * Import statements binding `main`, `dryRun` and `client`: by package name, or (with
 * `conditions`) by the file the exports map gives for those conditions, below `base`.
 */
export function importEntries(pkg, { conditions, base = `./node_modules/${packageName}` } = {}) {
  return Object.entries(ENTRIES).map(([name, subpath]) => {
    const specifier = conditions
      ? `${base}/${resolveExport(pkg, subpath, conditions).slice(2)}`
      : packageName + subpath.slice(1);
    return `import * as ${name} from '${specifier}';`;
  }).join('\n');
}

/** The seed example of the OpenAPI contract, as text. */
export const seedText = readFileSync(join(repoRoot, 'tests/fixtures/valid/seed-example.json'), 'utf8');

/** Copies the runtime-neutral probe next to the installed project and returns its path. */
export function writeProbe(project) {
  const dest = join(project, 'probe.mjs');
  writeFileSync(dest, readFileSync(new URL('./probe.mjs', import.meta.url)));
  return dest;
}

// `node tests/runtime/installed.js` prints the project dir (scripts/test.sh caches it).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(packAndInstall() + '\n');
}
