import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { assertOneLine, runCli } from './helpers.js';

const shipped = (name) => readFile(new URL(`../../../schemas/${name}`, import.meta.url), 'utf8');

test('schema prints the shipped editor schema: courier by default, the contract with --level schema, by-template with --body', async () => {
  let r = await runCli(['schema']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, await shipped('invoke-body.courier.schema.json'));
  assert.equal(JSON.parse(r.stdout).$schema, 'http://json-schema.org/draft-07/schema#');
  r = await runCli(['schema', '--level', 'schema']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, await shipped('invoke-body.schema.json'));
  for (const level of ['courier', 'schema']) {
    r = await runCli(['schema', '--level', level, '--body', 'by-template']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, await shipped('invoke-body.by-template.schema.json'));
  }
  r = await runCli(['schema', '--body', 'ad-hoc', '--level', 'courier']);
  assert.equal(r.stdout, await shipped('invoke-body.courier.schema.json'));
});

test('schema: a bad --level or --body, or a file, is one line and exit 2', async () => {
  let r = await runCli(['schema', '--level', 'strict']);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, '--level');
  r = await runCli(['schema', '--body', 'template']);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, '--body', 'by-template');
  r = await runCli(['schema', 'x.json']);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, 'x.json');
});

test('the package exports the schemas as files: courier-automations-wasm/schemas/<name> resolves', async () => {
  const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8'));
  assert.equal(pkg.exports['./schemas/*'], './schemas/*');
  assert.ok(pkg.files.includes('schemas/*.schema.json'));
  for (const name of ['invoke-body.courier.schema.json', 'invoke-body.schema.json', 'invoke-body.by-template.schema.json']) {
    // Self-reference through the exports map, as a dependent project (or a bundler) resolves it.
    const url = import.meta.resolve(`courier-automations-wasm/schemas/${name}`);
    assert.equal(await readFile(new URL(url), 'utf8'), await shipped(name));
  }
});
