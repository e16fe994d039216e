// The `schema` level must agree with ajv 8 (compiled from the same spec/openapi.json) on
// valid/invalid for every fixture and for 10,000+ seeded payloads (valid ones and mutations).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import Ajv from 'ajv';
import { init, validate } from 'courier-automations-wasm';
import { requestSchema, ajvOptions } from './support/ajv-schema.js';
import { prng, validPayload, mutate } from './support/payloads.js';

const ajvValidate = new Ajv(ajvOptions).compile(requestSchema());

function agree(value, label, textToo = false) {
  const peer = ajvValidate(value);
  const ours = validate(value, { level: 'schema' });
  assert.equal(ours.valid, peer, `${label}: ours ${ours.valid} (${JSON.stringify(ours.errors[0])}), ajv ${peer} (${JSON.stringify(ajvValidate.errors?.[0])})\n${JSON.stringify(value).slice(0, 600)}`);
  if (textToo) assert.equal(validate(JSON.stringify(value), { level: 'schema' }).valid, peer, `${label} (text)`);
  return peer;
}

test('ajv and the schema level agree on every parseable fixture', async () => {
  await init();
  for (const folder of ['valid', 'invalid']) {
    const dir = new URL(`../fixtures/${folder}/`, import.meta.url);
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json'))) {
      let value;
      try { value = JSON.parse(await readFile(new URL(name, dir), 'utf8')); } catch { continue; }
      agree(value, `${folder}/${name}`, true);
    }
  }
});

test('ajv and the schema level agree on 12,000 seeded payloads (valid and mutated)', async (t) => {
  await init();
  const r = prng(0xC0FFEE);
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < 12000; i++) {
    const base = validPayload(r, 1 + r.int(6));
    const value = i % 6 === 0 ? base : mutate(r, base);
    if (agree(value, `payload #${i}`, i % 10 === 0)) valid++; else invalid++;
  }
  t.diagnostic(`ajv differential: ${valid} valid, ${invalid} invalid, 0 disagreements`);
  // Both kinds must be well represented, or the comparison says little.
  assert.ok(valid > 2000 && invalid > 2000, `valid ${valid}, invalid ${invalid}`);
});
