import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { assertOneLine, runCli } from './helpers.js';

const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8'));

test('package.json exposes the CLI as the courier-automations bin', () => {
  assert.equal(pkg.bin['courier-automations'], './js/cli/main.js');
});

test('--version prints the package version', async () => {
  const r = await runCli(['--version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, `${pkg.version}\n`);
});

test('--help lists every command; each command has its own --help', async () => {
  const r = await runCli(['--help']);
  assert.equal(r.code, 0);
  for (const c of ['validate', 'dry-run', 'invoke', 'serve', 'schema']) assert.match(r.stdout, new RegExp(`^  ${c} `, 'm'));
  for (const c of ['validate', 'dry-run', 'invoke', 'serve', 'schema']) {
    const h = await runCli([c, '--help']);
    assert.equal(h.code, 0, c);
    assert.match(h.stdout, new RegExp(`^Usage: courier-automations ${c}`), c);
  }
});

test('no command prints the usage and exits 2', async () => {
  const r = await runCli([]);
  assert.equal(r.code, 2);
  assert.match(r.stdout, /^Usage:/);
});

test('an unknown command or option is one line and exit 2', async () => {
  let r = await runCli(['frobnicate']);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, 'unknown command "frobnicate"');
  r = await runCli(['validate', '--bogus']);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, '--bogus');
  r = await runCli(['--bogus']);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, '--bogus');
});
