// The installed package in Deno (the npm `deno` devDependency): every entry imported by package
// name from the local node_modules (Deno picks the "deno" condition), then by the paths the
// exports map gives for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { installed, writeProbe, seedText, packageName, repoRoot, resolveExport, importEntries } from './installed.js';
import { assertProbe } from './expect.js';

const deno = join(repoRoot, 'node_modules/.bin/deno');
const missing = !existsSync(deno);
if (missing) console.warn(`!! SKIPPED: no Deno binary at ${deno} (npm ci installs the deno devDependency)`);

function runDeno(project, file, source) {
  writeFileSync(join(project, file), source);
  return execFileSync(deno, ['run', '--quiet', '--no-prompt', '--allow-read=.', '--node-modules-dir=manual', file], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, DENO_DIR: mkdtempSync(join(tmpdir(), 'caw-deno-')), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
  });
}

test('deno: every entry by package name (local node_modules): init, validate, normalize, dryRun', { skip: missing }, () => {
  const { project, pkg } = installed();
  writeProbe(project);
  const out = runDeno(project, 'deno-by-name.mjs', `
    ${importEntries(pkg)}
    import { probe } from './probe.mjs';
    await main.init();
    await dryRun.init();
    const resolved = import.meta.resolve('${packageName}/dry-run');
    console.log(JSON.stringify({ resolved, result: await probe({ main, dryRun, client }, ${JSON.stringify(seedText)}) }));
  `);
  const { resolved, result } = JSON.parse(out);
  assert.match(resolved, /\/dist\/dry-run\/browser\.js$/, 'Deno picks the "deno" condition');
  assertProbe(result, 'deno');
});

test('deno: the "deno" entries by file path', { skip: missing }, () => {
  const { project, pkg } = installed();
  assert.equal(resolveExport(pkg, '.', ['deno']), './dist/browser.js');
  writeProbe(project);
  const out = runDeno(project, 'deno-by-path.mjs', `
    ${importEntries(pkg, { conditions: ['deno'] })}
    import { probe } from './probe.mjs';
    await dryRun.init();
    console.log(JSON.stringify(await probe({ main, dryRun, client }, ${JSON.stringify(seedText)})));
  `);
  assertProbe(JSON.parse(out), 'deno (path)');
});
