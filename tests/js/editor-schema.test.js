// The editor schemas (schemas/*.schema.json, written by scripts/generate/editor-schema.mjs from
// spec/) must give the validator's verdict, as ajv 8 reads them: on every fixture, on cases of
// the courier rules, and on seeded payloads; wherever JSON Schema can say the rule. The rules it
// cannot say are EXCEPTIONS below: there the schema accepts what the validator refuses, never
// the reverse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import Ajv from 'ajv';
import { init, validate } from 'courier-automations-wasm';
import { prng, validPayload, mutate } from './support/payloads.js';
import { templateShapeReport } from '../../js/client/validate.js';

const read = (name) => JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8'));
const SCHEMAS = {
  schema: read('invoke-body.schema.json'),
  courier: read('invoke-body.courier.schema.json'),
  byTemplate: read('invoke-body.by-template.schema.json'),
};

/**
 * Problem codes whose rule no JSON Schema keyword can express. A body the validator refuses
 * with only these codes may pass the schema.
 */
const EXCEPTIONS = {
  // Uniqueness of one property across the items of an array (`uniqueItems` compares whole items).
  'step.ref.duplicate': 'a ref unique across steps',
  // A calendar: the days of each month, leap years (2024-02-30, 2023-02-29). The pattern bounds
  // the fields (month 01-12, day 01-31, hour 00-23, ...) but cannot know the month's length.
  'delay.until.impossible': 'a day past the end of its month',
  // `delayUntil` is read at run time by date-fns parseISO (dates alone, basic format, week dates,
  // ordinal dates...): the validator runs that grammar; the schema checks only that it is a string.
  'delay.until.format': 'delayUntil as date-fns parseISO reads it',
  // Arithmetic on the values: a delay or an instant that ends outside years 0000-9999 in UTC
  // ("100000 years", "0000-01-01T00:00:00+01:00"); a pattern sees characters, not magnitudes.
  'time.out_of_range': 'a time outside years 0000-9999',
  // The validator's own limits (8 MiB, depth 128, 10,000 steps, 1 MiB strings): not the request's rules.
  'limit.payload_bytes': 'a size limit',
  'limit.depth': 'a depth limit',
  'limit.steps': 'a step-count limit',
  'limit.string': 'a string-size limit',
};

function compile(schema) {
  // strict: an unknown keyword is an error, except VS Code's `deprecationMessage` and
  // `defaultSnippets`, which the courier schema carries on purpose. strictTypes/strictRequired are style checks of a schema
  // written by hand (`required` of properties defined elsewhere is how if/then conditions read).
  const ajv = new Ajv({ strictTypes: false, strictRequired: false, allErrors: true });
  ajv.addVocabulary(['deprecationMessage', 'defaultSnippets']);
  return ajv.compile(schema);
}

const validators = {
  schema: compile(SCHEMAS.schema),
  courier: compile(SCHEMAS.courier),
};

/** @returns {'agree' | 'exception'} */
function agree(value, level, label) {
  const ours = validate(value, { level });
  const peer = validators[level](value);
  if (ours.valid === peer) return 'agree';
  const codes = ours.errors.map((p) => p.code);
  const explained = !ours.valid && peer && codes.every((c) => EXCEPTIONS[c]);
  assert.ok(
    explained,
    `${label} at the ${level} level: validator ${ours.valid ? 'valid' : `invalid (${codes.join(', ')})`}, ` +
      `schema ${peer ? 'valid' : `invalid (${JSON.stringify(validators[level].errors?.slice(0, 3))})`}\n${JSON.stringify(value).slice(0, 500)}`,
  );
  return 'exception';
}

function fixtures() {
  const out = [];
  for (const folder of ['valid', 'invalid', 'scenarios']) {
    const dir = new URL(`../fixtures/${folder}/`, import.meta.url);
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const text = readFileSync(new URL(name, dir), 'utf8');
      let value;
      try {
        value = JSON.parse(text);
      } catch {
        continue; // json.syntax: a JSON Schema sees values, not text
      }
      out.push({ label: `${folder}/${name}`, value });
    }
  }
  return out;
}

test('ajv compiles every emitted schema in strict mode; they are draft-07', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#', name);
    assert.equal(typeof compile(schema), 'function', name);
  }
});

test('every fixture gets the validator\'s verdict at both levels, except where JSON Schema cannot say the rule', async () => {
  await init();
  const seen = [];
  for (const { label, value } of fixtures()) {
    for (const level of ['schema', 'courier']) {
      if (agree(value, level, label) === 'exception') seen.push(`${level} ${label}`);
    }
  }
  // The exceptions met are exactly these two fixtures (a third would be a new disagreement to
  // explain, or a schema that learned the rule).
  assert.deepEqual(seen.sort(), ['courier invalid/delay.until.impossible.json', 'courier invalid/step.ref.duplicate.json']);
});

// The courier level's rules, one case each (the fixtures above have one file per problem code).
const send = (step, request = { recipient: 'u' }) => ({ ...request, automation: { steps: [{ action: 'send', template: 'T', ...step }] } });
const fetchData = (webhook) => ({ automation: { steps: [{ action: 'fetch-data', merge_strategy: 'replace', webhook: { url: 'https://x', method: 'GET', ...webhook } }] } });
const delay = (step) => ({ automation: { steps: [{ action: 'delay', ...step }] } });
const CASES = {
  'webhook body null': fetchData({ body: null }),
  'webhook body string (the OpenAPI\'s form)': fetchData({ body: '{}' }),
  'webhook body object (the engine\'s form)': fetchData({ body: {} }),
  'webhook body number': fetchData({ body: 1 }),
  'header value number': fetchData({ headers: { a: 1 } }),
  'header value accessor': fetchData({ headers: { a: { $ref: 'data.key' } } }),
  'webhook without method (GET by default)': fetchData({ method: undefined }),
  'webhook method PUT': fetchData({ method: 'PUT' }),
  'webhook method get': fetchData({ method: 'get' }),
  'webhook method null': fetchData({ method: null }),
  'url accessor': fetchData({ url: { $ref: 'data.url' } }),
  'accessor with a second key': fetchData({ url: { $ref: 'data.url', x: 1 } }),
  'webhook unknown property': fetchData({ timeout: 5 }),
  'request override false': { override: false, ...send({}) },
  'request override {}': { override: {}, ...send({}) },
  'request override null': { override: null, ...send({}) },
  'step template null, request template': send({ template: null }, { recipient: 'u', template: 'R' }),
  'step template null, no request template': send({ template: null }),
  'step template "", request template': send({ template: '' }, { recipient: 'u', template: 'R' }),
  'step recipient "", request recipient': send({ recipient: '' }),
  'step recipient "", no request recipient': send({ recipient: '' }, {}),
  'step recipient, no request recipient': send({ recipient: 'v' }, {}),
  'request recipient ""': send({}, { recipient: '' }),
  'request brand null': send({}, { recipient: 'u', brand: null }),
  'request brand null, step brand': send({ brand: 'b' }, { recipient: 'u', brand: null }),
  'step brand null': send({ brand: null }),
  'step data null': send({ data: null }),
  'step template accessor': send({ template: { $ref: 'data.t' } }),
  'if null': send({ if: null }),
  'ref ""': send({ ref: '' }),
  'send-list recipient': { automation: { steps: [{ action: 'send-list', list: 'l', template: 'T', recipient: 'x' }] } },
  'send-list template from the request': { template: 'T', automation: { steps: [{ action: 'send-list', list: 'l' }] } },
  'send-list list ""': { template: 'T', automation: { steps: [{ action: 'send-list', list: '' }] } },
  'data_source merge_strategy none': { automation: { steps: [{ action: 'send-list', list: 'l', template: 'T', data_source: { webhook: { url: 'https://x' }, merge_strategy: 'none' } }] } },
  // A data_source's webhook is the engine's closed shape alone (the OpenAPI does not describe it there).
  'data_source webhook header value number': { automation: { steps: [{ action: 'send-list', list: 'l', template: 'T', data_source: { webhook: { url: 'https://x', headers: { a: 1 } }, merge_strategy: 'replace' } }] } },
  'data_source webhook body string': { automation: { steps: [{ action: 'send-list', list: 'l', template: 'T', data_source: { webhook: { url: 'https://x', body: 'x' }, merge_strategy: 'replace' } }] } },
  'data_source webhook method PUT': { automation: { steps: [{ action: 'send-list', list: 'l', template: 'T', data_source: { webhook: { url: 'https://x', method: 'PUT' }, merge_strategy: 'replace' } }] } },
  'data_source without webhook': { automation: { steps: [{ action: 'send-list', list: 'l', template: 'T', data_source: { merge_strategy: 'none' } }] } },
  'V2 message': { automation: { steps: [{ action: 'send', message: { to: { user_id: 'u' }, template: 'T' } }] } },
  'V2 message without to': { automation: { steps: [{ action: 'send', message: { template: 'T' } }] } },
  'V2 message without to, request recipient': { recipient: 'u', automation: { steps: [{ action: 'send', message: { template: 'T' } }] } },
  'V2 message without template': { automation: { steps: [{ action: 'send', message: { to: { user_id: 'u' } } }] } },
  'V2 message with content': { automation: { steps: [{ action: 'send', message: { to: { user_id: 'u' }, content: {} } }] } },
  'V2 message and an unknown property': { automation: { steps: [{ action: 'send', foo: 1, message: { to: { user_id: 'u' }, template: 'T' } }] } },
  'V2 message null': send({ message: null }),
  'invoke context accessor': { automation: { steps: [{ action: 'invoke', template: 'T', context: { $ref: 'data.c' } }] } },
  'invoke context null': { automation: { steps: [{ action: 'invoke', template: 'T', context: null }] } },
  'invoke context unknown property': { automation: { steps: [{ action: 'invoke', template: 'T', context: { tenant: 'x' } }] } },
  'subscribe (engine only)': { automation: { steps: [{ action: 'subscribe', list_id: 'l', recipient_id: 'r' }] } },
  'subscribe without recipient_id': { automation: { steps: [{ action: 'subscribe', list_id: 'l' }] } },
  'update-profile recipient_id ""': { automation: { steps: [{ action: 'update-profile', merge: 'replace', recipient_id: '', profile: {} }] } },
  'update-profile without merge': { automation: { steps: [{ action: 'update-profile', recipient_id: 'r', profile: {} }] } },
  'cancel token null': { automation: { steps: [{ action: 'cancel', cancelation_token: null }] } },
  'cancel by the alias': { automation: { steps: [{ action: 'cancel', cancelationToken: 'x' }] } },
  'automation token null': { automation: { cancelation_token: null, steps: [{ action: 'delay', duration: '1 day' }] } },
  'request unknown property': { foo: 1, automation: { steps: [{ action: 'delay', duration: '1 day' }] } },
  'delay duration and a null alias': delay({ duration: '5 minutes', delayUntil: null }),
  'delay duration accessor': delay({ duration: { $ref: 'data.wait' } }),
  'delay duration with spaces around': delay({ duration: ' 5  minutes ' }),
  'delay duration .5 hours': delay({ duration: '.5 hours' }),
  'delay duration 5. minutes': delay({ duration: '5. minutes' }),
  'delay duration with a tab': delay({ duration: '5\tminutes' }),
  'delay duration with a no-break space': delay({ duration: '5\u00a0minutes' }),
  'delay duration capitalised': delay({ duration: '5 Minutes' }),
  'delay duration in seconds': delay({ duration: '30 seconds' }),
  'delay duration ""': delay({ duration: '' }),
  'delayFor ISO 8601': delay({ delayFor: 'PT5M' }),
  'until with a space': delay({ until: '2024-04-08 08:00:00Z' }),
  'until with a lowercase t': delay({ until: '2024-04-08t08:00:00Z' }),
  'until with a tab': delay({ until: '2024-04-08\t08:00:00Z' }),
  'until without seconds': delay({ until: '2024-04-08T08:00Z' }),
  'until +0200': delay({ until: '2024-04-08T08:00:00+0200' }),
  'until +02': delay({ until: '2024-04-08T08:00:00+02' }),
  'until +24:00': delay({ until: '2024-04-08T08:00:00+24:00' }),
  'until +14:60': delay({ until: '2024-04-08T08:00:00+14:60' }),
  'until lowercase z': delay({ until: '2024-04-08T08:00:00z' }),
  'until leap second': delay({ until: '2024-04-08T23:59:60Z' }),
  'until hour 24': delay({ until: '2024-04-08T24:00:00Z' }),
  'until basic format with Z': delay({ until: '20240408T080910Z' }),
  'until ""': delay({ until: '' }),
  'until accessor': delay({ until: { $ref: 'data.at' } }),
  'until 2023-02-29 (an exception)': delay({ until: '2023-02-29T00:00:00Z' }),
  'delayUntil a date alone (parseISO reads it)': delay({ delayUntil: '2024-04-08' }),
  'idempotency_expiry a number': send({ idempotency_expiry: 5 }),
  'a step that is a string': { automation: { steps: ['send'] } },
  'a body that is null': null,
  'a body that is an array': [],
};

test('the courier schema gives the courier level\'s verdict on a case of each rule', async () => {
  await init();
  const exceptions = [];
  for (const [label, value] of Object.entries(CASES)) {
    // Through JSON, as an editor reads the file (undefined properties dropped).
    const json = JSON.parse(JSON.stringify(value));
    for (const level of ['courier', 'schema']) {
      if (agree(json, level, label) === 'exception') exceptions.push(`${level} ${label}`);
    }
  }
  assert.deepEqual(exceptions, ['courier until 2023-02-29 (an exception)']);
});

test('both schemas agree with the validator on 4,000 seeded payloads (valid and mutated)', async (t) => {
  await init();
  const r = prng(0x5EED);
  const counts = { agree: 0, exception: 0 };
  for (let i = 0; i < 4000; i++) {
    const base = validPayload(r, 1 + r.int(6));
    const value = i % 5 === 0 ? base : mutate(r, base);
    for (const level of ['schema', 'courier']) counts[agree(value, level, `payload #${i}`)]++;
  }
  t.diagnostic(`editor schemas: ${counts.agree} agreements, ${counts.exception} explained exceptions`);
});

// Bodies built from spec/engine.json's closed shapes: every action (subscribe too), each
// property present or not, valid or a wrong value (null, "", an accessor, a wrong type, an
// unknown enum value), request-level values that fill the steps or not, V2 messages.
function engineShapedBody(r) {
  const closed = JSON.parse(readFileSync(new URL('../../spec/engine.json', import.meta.url), 'utf8')).closed;
  const strings = ['x', '', '5 minutes', '1 day', 'PT5M', '2024-04-08T08:00:00Z', '20240408T080910', 'https://e.com', 'replace', 'none', 'GET', 'PUT', 'get'];
  const value = (t, depth) => {
    const k = r.int(24); // mostly a value of the right kind
    if (k === 0) return null;
    if (k === 1) return r.pick([1, true, [], 'str', {}]);
    if (k === 2) return { $ref: 'data.x' };
    if (t === 'string') return r.chance(0.5) ? 'x' : r.pick(strings);
    if (t === 'object') return r.chance(0.8) ? { a: 1 } : 'str';
    if (t.enum) return r.chance(0.8) ? r.pick(t.enum) : r.pick(['GET', 'PUT', 'bogus', 'none']);
    return shape(closed.shapes[t.shape], depth + 1);
  };
  const shape = (s, depth) => {
    const o = {};
    for (const [p, t] of Object.entries(s.properties)) {
      if ((s.required ?? []).includes(p) ? r.chance(0.85) : r.chance(0.35)) o[p] = depth > 3 ? 'x' : value(t, depth);
    }
    if (r.chance(0.05)) o.bogus = 1;
    return o;
  };
  const step = () => {
    const action = r.pick(Object.keys(closed.steps));
    const s = { ...shape(closed.steps[action], 0), action };
    if (r.chance(0.1)) s.if = r.pick(['data.x', null, 5]);
    if (r.chance(0.2)) s.ref = r.pick(['a', 'b', '', null]);
    if (action === 'send' && r.chance(0.15)) {
      s.message = r.pick([null, {}, { to: {} }, { template: 'T' }, { to: {}, content: {} }, 'x']);
      if (r.chance(0.5)) for (const k of Object.keys(s)) if (k !== 'action' && k !== 'message') delete s[k];
    }
    return s;
  };
  const body = { automation: { steps: Array.from({ length: 1 + r.int(3) }, step) } };
  for (const p of ['recipient', 'template', 'brand']) if (r.chance(0.6)) body[p] = r.pick(['u', 'u', 'u', '', null, 5]);
  for (const p of ['data', 'profile']) if (r.chance(0.2)) body[p] = r.pick([{ a: 1 }, null]);
  if (r.chance(0.05)) body.override = r.pick([{}, null, '', false, 'x']);
  if (r.chance(0.05)) body.automation.cancelation_token = r.pick(['t', null, 5]);
  return body;
}

test('both schemas agree with the validator on 4,000 bodies built from the engine\'s closed shapes', async (t) => {
  await init();
  const r = prng(0xC105ED);
  const counts = { agree: 0, exception: 0, valid: 0 };
  for (let i = 0; i < 4000; i++) {
    const body = engineShapedBody(r);
    counts[agree(body, 'courier', `engine-shaped body #${i}`)]++;
    counts[agree(body, 'schema', `engine-shaped body #${i}`)]++;
    if (validate(body, { level: 'courier' }).valid) counts.valid++;
  }
  t.diagnostic(`engine-shaped: ${counts.agree} agreements (${counts.valid} valid bodies), ${counts.exception} explained exceptions`);
  assert.ok(counts.valid > 250 && counts.valid < 3000, `both verdicts well represented: ${counts.valid} valid`);
});

test('the courier schema closes every step, offers every action and documents it', () => {
  const { definitions } = SCHEMAS.courier;
  const actions = definitions.Step.properties.action.enum;
  assert.deepEqual(actions, ['delay', 'send', 'send-list', 'update-profile', 'cancel', 'fetch-data', 'invoke', 'subscribe']);
  for (const branch of definitions.Step.allOf) {
    const def = definitions[branch.then.$ref.replace('#/definitions/', '')];
    assert.ok(def.description, `${branch.if.properties.action.const}: a description`);
    const closed = def.else ?? def; // send: the legacy form (else) beside the V2 message form (then)
    assert.equal(closed.additionalProperties, false, `${branch.if.properties.action.const} is closed`);
  }
  // Enum hints where the value is a choice, and the aliases flagged for the editor.
  assert.deepEqual(definitions.UpdateProfileStep.properties.merge.enum, ['replace', 'overwrite', 'soft-merge', 'none']);
  assert.match(definitions.DelayStep.properties.delayFor.deprecationMessage, /use "duration"/);
  assert.match(definitions.CancelStep.properties.cancelationToken.deprecationMessage, /use "cancelation_token"/);
  assert.ok(definitions.DelayStep.properties.duration.description);
  // A snippet per action, itself a valid step of that action once its tab stops are filled.
  const snippets = definitions.Step.defaultSnippets;
  assert.deepEqual(snippets.map((x) => x.label), actions);
  const fetch = snippets.find((x) => x.label === 'fetch-data').body;
  assert.deepEqual(fetch, { action: 'fetch-data', webhook: { url: '$1' }, merge_strategy: '${2|replace,overwrite,soft-merge,none|}' });
  assert.deepEqual(snippets.find((x) => x.label === 'delay').body, { action: 'delay', duration: '${1:1 day}' });
  const filled = (v) => JSON.parse(JSON.stringify(v)
    .replace(/\$\{\d+\|([^,|]+)[^}]*\}/g, '$1') // a choice: its first value
    .replace(/\$\{\d+:([^}]*)\}/g, '$1') // a placeholder: its text
    .replace(/\$\d+/g, 'x'));
  const v = compile(SCHEMAS.courier);
  for (const { label, body } of snippets) {
    assert.equal(v({ recipient: 'u', template: 't', automation: { steps: [filled(body)] } }), true, `${label}: ${JSON.stringify(v.errors)}`);
  }
});

test('the by-template schema: the run context without automation', () => {
  const v = compile(SCHEMAS.byTemplate);
  assert.equal(v({ recipient: 'u', data: { a: 1 }, profile: null, brand: 'b', template: 't' }), true);
  assert.equal(v({}), true);
  assert.equal(v({ recipient: 5 }), false);
  assert.equal(v({ data: 'x' }), false);
  assert.equal(v([]), false);
  assert.equal(SCHEMAS.byTemplate.properties.automation, undefined);
  // The same verdict as standardSchema({ body: 'by-template' }) (the client's structural check).
  const r = prng(7);
  const values = [null, '', 'u', 5, true, {}, { a: 1 }, [], { $ref: 'data.x' }];
  for (let i = 0; i < 500; i++) {
    const body = {};
    for (const k of ['recipient', 'brand', 'template', 'data', 'profile', 'other']) if (r.chance(0.5)) body[k] = r.pick(values);
    assert.equal(v(body), templateShapeReport(body).valid, JSON.stringify(body));
  }
});
