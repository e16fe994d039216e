import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { init, validate } from 'courier-automations-wasm';

const dir = (folder) => new URL(`../fixtures/${folder}/`, import.meta.url);
async function fixtures(folder) {
  const names = (await readdir(dir(folder))).filter((n) => n.endsWith('.json')).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(new URL(name, dir(folder)), 'utf8') })));
}

const strip = (report) => ({
  valid: report.valid,
  errors: report.errors.map(({ line, column, ...p }) => p),
  warnings: report.warnings.map(({ line, column, ...p }) => p),
});

test('text, bytes, ArrayBuffer and object inputs give the same report (objects without positions)', async () => {
  await init();
  for (const folder of ['valid', 'invalid']) {
    for (const { name, text } of await fixtures(folder)) {
      for (const level of ['courier', 'schema']) {
        const fromText = validate(text, { level });
        const bytes = new TextEncoder().encode(text);
        assert.deepEqual(validate(bytes, { level }), fromText, `${name} bytes`);
        assert.deepEqual(validate(bytes.slice().buffer, { level }), fromText, `${name} ArrayBuffer`);
        let object;
        try { object = JSON.parse(text); } catch { continue; }
        const fromObject = validate(object, { level });
        assert.equal(fromObject.valid, fromText.valid, `${name} object verdict`);
        for (const p of [...fromObject.errors, ...fromObject.warnings]) {
          assert.equal(p.line, undefined);
          assert.equal(p.column, undefined);
        }
        // JSON.stringify drops duplicate keys, so only compare when the text had none.
        if (!fromText.warnings.some((p) => p.code === 'json.duplicate_key')) {
          assert.deepEqual(fromObject, strip(fromText), `${name} object report`);
        }
      }
      if (folder === 'valid') assert.equal(validate(text).valid, true, name);
    }
  }
});

test("Courier's own example is refused for its basic-format `until`; the fixed seed is valid with one warning", async () => {
  await init();
  const verbatim = await readFile(new URL('invalid/delay.until.basic_format.json', dir('.')), 'utf8');
  const refused = validate(verbatim);
  assert.equal(refused.valid, false);
  assert.deepEqual(refused.errors.map((p) => [p.code, p.path, p.line, p.column]), [
    ['delay.until.basic_format', '/automation/steps/0/until', 14, 18],
  ]);
  assert.equal(refused.errors[0].hint, 'use the extended format: "2024-04-08T08:09:10.123Z"');
  assert.equal(validate(verbatim, { level: 'schema' }).valid, true, 'the OpenAPI allows it');

  const seed = await readFile(new URL('valid/seed-example.json', dir('.')), 'utf8');
  const r = validate(seed);
  assert.equal(r.valid, true);
  assert.deepEqual(r.warnings.map((p) => p.code), ['delay.until.no_offset']);
  assert.equal(r.warnings[0].path, '/automation/steps/0/until');
  assert.equal(r.warnings[0].line, 14);
  assert.equal(validate(seed, { level: 'schema' }).warnings.length, 0);
});

test('courier rules through the wasm: code, path, line and column', async () => {
  await init();
  const text = '{"recipient": "u",\n "automation": {"steps": [\n  {"action": "delay", "duration": "PT5M"}]}}';
  const r = validate(text);
  assert.equal(r.valid, false);
  assert.deepEqual(r.errors[0], {
    code: 'delay.duration.iso8601', path: '/automation/steps/0/duration', line: 3, column: 35,
    message: r.errors[0].message, hint: 'use "5 minutes"',
  });
  assert.equal(validate(text, { level: 'schema' }).valid, true);
  assert.equal(validate({ automation: { steps: [{ action: 'send', template: 'T' }] } }).errors[0].code, 'send.recipient.missing');
  assert.equal(validate('{"automation": ').errors[0].code, 'json.syntax');
  assert.equal(validate(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])).errors[0].code, 'json.utf8');
  assert.throws(() => validate('{}', { level: 'strict' }), TypeError);
});

test('the input buffer grows and is reused across payload sizes', async () => {
  await init();
  const step = { action: 'send', template: 'T', data: { pad: 'x'.repeat(200) } };
  for (const n of [1, 5000, 3, 20000, 2]) {
    const payload = JSON.stringify({ recipient: 'u', automation: { steps: Array.from({ length: n }, () => step) } });
    const r = validate(new TextEncoder().encode(payload));
    assert.equal(r.valid, n <= 10000, `n=${n}`);
    assert.equal(validate(payload).valid, n <= 10000);
  }
});
