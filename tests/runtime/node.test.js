// The installed package in Node: every entry imported by name (the "node" condition), the
// .wasm exports handed to init(), the wasm-free ./client, and the ./emulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { installed, writeProbe, seedText, packageName, importEntries } from './installed.js';
import { assertProbe } from './expect.js';

function runNode(cwd, source) {
  const file = join(cwd, `run-${process.pid}-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, source);
  try {
    return execFileSync(process.execPath, [file], { cwd, encoding: 'utf8' });
  } finally {
    rmSync(file);
  }
}

test('node: every entry by package name: init, validate, normalize, dryRun', () => {
  const { project, pkg } = installed();
  writeProbe(project);
  const out = runNode(project, `
    ${importEntries(pkg)}
    import { probe } from './probe.mjs';
    await dryRun.init();
    const resolved = ['', '/dry-run', '/client'].map((s) => import.meta.resolve('${packageName}' + s));
    console.log(JSON.stringify({ resolved, result: await probe({ main, dryRun, client }, ${JSON.stringify(seedText)}) }));
  `);
  const { resolved, result } = JSON.parse(out);
  assert.deepEqual(resolved.map((u) => u.replace(/^.*\/node_modules\/[^/]+\//, '')), ['dist/node.js', 'dist/dry-run/node.js', 'dist/client/index.js']);
  assertProbe(result, 'node');
});

test('node: init({ bytes }) and init({ module }) with the ./wasm and ./dry-run/wasm exports', () => {
  const { project } = installed();
  const out = runNode(project, `
    import { readFile } from 'node:fs/promises';
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const small = await readFile(require.resolve('${packageName}/wasm'));
    const full = await WebAssembly.compile(await readFile(require.resolve('${packageName}/dry-run/wasm')));
    const main = await import('${packageName}');
    const dryRun = await import('${packageName}/dry-run');
    await main.init({ bytes: small });
    await dryRun.init({ module: full, validate: { bytes: small } });
    console.log(JSON.stringify([main.validate('{}').valid, dryRun.normalize('{"automation":{"steps":[{"template":"T","action":"send"}]}}')]));
  `);
  assert.deepEqual(JSON.parse(out), [false, '{"automation":{"steps":[{"action":"send","template":"T"}]}}']);
});

test('node: ./client works without any wasm (the .wasm files and the glue removed from the install)', () => {
  const { project } = installed();
  const bare = `${project}-wasmless`;
  rmSync(bare, { recursive: true, force: true });
  cpSync(project, bare, { recursive: true });
  const dist = join(bare, 'node_modules', packageName, 'dist');
  const removed = readdirSync(dist).filter((f) => f.endsWith('.wasm') || f.endsWith('.mjs'));
  assert.deepEqual(removed.sort(), ['caw_validate.wasm', 'courier_automations.mjs', 'courier_automations.wasm']);
  for (const f of removed) rmSync(join(dist, f));
  try {
    const out = runNode(bare, `
      const client = await import('${packageName}/client');
      console.log(JSON.stringify(Object.keys(client).sort()));
    `);
    assert.ok(JSON.parse(out).includes('AutomationsClient'), 'AutomationsClient is exported');
  } finally {
    rmSync(bare, { recursive: true, force: true });
  }
});

test('node: ./emulator by package name answers an invoke with a run id', () => {
  const { project } = installed();
  const out = runNode(project, `
    import { startEmulator } from '${packageName}/emulator';
    const emu = await startEmulator({ port: 0, now: '2024-04-01T00:00:00Z' });
    try {
      const res = await fetch(emu.url + '/automations/invoke', {
        method: 'POST', headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
        body: ${JSON.stringify(seedText)},
      });
      console.log(JSON.stringify({ status: res.status, body: await res.json() }));
    } finally {
      await emu.close();
    }
  `);
  const { status, body } = JSON.parse(out);
  assert.equal(status, 200);
  assert.match(body.runId, /^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
});
