// The installed package in Deno (the npm `deno` devDependency): imported by package name from
// the local node_modules (Deno picks the "deno" condition), then by the browser entry's path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { installed, writeProbe, seedText, packageName, repoRoot, resolveExport } from './installed.js';
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

test('deno: import by package name (local node_modules), init, normalize', { skip: missing }, () => {
  const { project } = installed();
  writeProbe(project);
  const out = runDeno(project, 'deno-by-name.mjs', `
    import * as api from '${packageName}';
    import { probe } from './probe.mjs';
    await api.init();
    const resolved = import.meta.resolve('${packageName}');
    console.log(JSON.stringify({ resolved, result: await probe(api, ${JSON.stringify(seedText)}) }));
  `);
  const { resolved, result } = JSON.parse(out);
  assert.match(resolved, /\/js\/browser\.js$/, 'Deno picks the "deno" condition');
  assertProbe(result, 'deno');
});

test('deno: the "deno" entry by file path', { skip: missing }, () => {
  const { project, pkg } = installed();
  const entry = resolveExport(pkg, '.', ['deno']);
  assert.equal(entry, './js/browser.js');
  writeProbe(project);
  const out = runDeno(project, 'deno-by-path.mjs', `
    import * as api from './node_modules/${packageName}/${entry.slice(2)}';
    import { probe } from './probe.mjs';
    await api.init();
    console.log(JSON.stringify(await probe(api, ${JSON.stringify(seedText)})));
  `);
  assertProbe(JSON.parse(out), 'deno (path)');
});
