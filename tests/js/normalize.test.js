import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { init, normalize, version, ValidationError } from 'courier-automations-wasm/dry-run';

const seed = await readFile(new URL('../fixtures/valid/seed-example.json', import.meta.url), 'utf8');

test('init loads the wasm in Node and reports the package version', async () => {
  await init();
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.equal(version(), pkg.version);
});

test('normalize gives the canonical seed example from text, object and bytes alike', async () => {
  await init();
  const canonical = normalize(seed);
  assert.equal(canonical.indexOf('{"automation":{"cancelation_token":"delay-send--user-yes--abc-123","steps":[{"action":"delay"'), 0);
  assert.deepEqual(JSON.parse(canonical), JSON.parse(seed));
  assert.equal(normalize(JSON.parse(seed)), canonical);
  assert.equal(normalize(new TextEncoder().encode(seed)), canonical);
  assert.equal(normalize(canonical), canonical, 'canonical form is a fixed point');
});

test('normalize refuses malformed payloads with a located, structured report', async () => {
  await init();
  assert.throws(() => normalize('{"automation": {"steps": [\n"send"]}}'), (err) => {
    assert.ok(err instanceof ValidationError);
    assert.equal(err.report.valid, false);
    const [p] = err.report.errors;
    assert.equal(p.code, 'schema.type');
    assert.equal(p.path, '/automation/steps/0');
    assert.equal(p.line, 2);
    assert.equal(p.column, 1);
    return true;
  });
  assert.throws(() => normalize('{"automation": '), (err) => err.report.errors[0].code === 'json.syntax');
});

test('the instance survives hostile input and still normalizes afterwards', async () => {
  await init();
  const hostile = ['', '[', '{"automation":' + '['.repeat(200000), '"\\ud800"', '{"a":1e999999}', '\u0000', '{"automation":{"steps":[null,1,"x",[]]}}'];
  for (const h of hostile) assert.throws(() => normalize(h), ValidationError);
  assert.equal(JSON.parse(normalize(seed)).recipient, 'user-yes');
});
