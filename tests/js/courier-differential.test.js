// The `courier` level against an independent encoding of what Courier does with a request
// (docs/courier-semantics.md §1.12 and the rules of §6), written here from the document and not
// from spec/engine.json or the C++: each send / send-list step filled from the request in
// JavaScript (`??`, `||`, deep-extend), then checked by ajv against closed step schemas written
// by hand (additionalProperties: false, an ajv-formats-style date-time), plus the run-time
// readings of §1.1 (the delay service's duration pattern, parseISO) and the OpenAPI's own verdict
// on the request with §6's relaxations applied. Thousands of seeded payloads; false accepts (we
// say valid, Courier refuses) and invented errors (we refuse, Courier accepts) are counted apart,
// and both must be 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { init, validate } from 'courier-automations-wasm';
import { requestSchema, ajvOptions } from './support/ajv-schema.js';
import { prng } from './support/payloads.js';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isAccessor = (v) => isObject(v) && Object.keys(v).length === 1 && typeof v.$ref === 'string';

// ---------------------------------------------------------------- §1.12 step 7: closed shapes

// ajv-formats 2.x "date-time": a date and a time split at the one t/T/white space; offset optional.
function dateTime(s) {
  const parts = s.split(/t|\s/i);
  if (parts.length !== 2) return false;
  const d = /^(\d\d\d\d)-(\d\d)-(\d\d)$/.exec(parts[0]);
  const t = /^(\d\d):(\d\d):(\d\d)(\.\d+)?(z|[+-]\d\d(?::?\d\d)?)?$/i.exec(parts[1]);
  if (!d || !t) return false;
  const [y, m, day] = [+d[1], +d[2], +d[3]];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [0, 31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const [h, min, sec] = [+t[1], +t[2], +t[3]];
  return m >= 1 && m <= 12 && day >= 1 && day <= days[m] && ((h <= 23 && min <= 59 && sec <= 59) || (h === 23 && min === 59 && sec === 60));
}

const accessor = { type: 'object', required: ['$ref'], properties: { $ref: { type: 'string' } }, additionalProperties: false };
const str = { anyOf: [{ type: 'string' }, accessor] };
const nonEmpty = { anyOf: [{ type: 'string', minLength: 1 }, accessor] };
const obj = { type: 'object' };
const strategy = { enum: ['replace', 'overwrite', 'soft-merge', 'none'] };
const webhook = {
  type: 'object', additionalProperties: false, required: ['url'],
  properties: { url: nonEmpty, method: { enum: ['GET', 'get', 'POST', 'post'] }, headers: obj, params: obj, body: obj },
};
const step = (action, properties, required = []) => ({
  type: 'object', additionalProperties: false, required: ['action', ...required],
  properties: { action: { const: action }, if: { type: 'string' }, ref: { type: 'string' }, ...properties },
});
const delayAlone = (key, schema = str) => step('delay', { [key]: schema }, [key]);
const closedSteps = {
  anyOf: [
    delayAlone('duration'), delayAlone('until', { anyOf: [{ type: 'string', format: 'date-time' }, accessor] }),
    delayAlone('delayFor'), delayAlone('delayUntil'),
    step('send', { template: nonEmpty, recipient: nonEmpty, brand: str, data: obj, profile: obj, override: obj, idempotency_key: str, idempotency_expiry: str }, ['template', 'recipient']),
    step('send-list', {
      template: nonEmpty, list: nonEmpty, brand: str, data: obj, override: obj, idempotency_key: str, idempotency_expiry: str,
      data_source: { type: 'object', additionalProperties: false, required: ['webhook', 'merge_strategy'], properties: { webhook, merge_strategy: strategy } },
    }, ['template', 'list']),
    step('update-profile', { merge: strategy, recipient_id: str, profile: obj }, ['merge', 'recipient_id', 'profile']),
    step('cancel', { cancelation_token: nonEmpty }, ['cancelation_token']),
    step('cancel', { cancelationToken: nonEmpty }, ['cancelationToken']),
    step('fetch-data', { webhook, merge_strategy: strategy, idempotency_key: str, idempotency_expiry: str }, ['webhook', 'merge_strategy']),
    step('invoke', {
      template: nonEmpty,
      context: { anyOf: [accessor, { type: 'object', additionalProperties: false, properties: { brand: str, data: obj, profile: obj, template: str, recipient: str } }] },
    }, ['template']),
    step('subscribe', {
      list_id: str, recipient_id: str,
      subscription: { type: 'object', additionalProperties: false, properties: { preferences: { type: 'object', additionalProperties: false, required: ['notification'], properties: { notification: obj, categories: obj } } } },
    }, ['list_id', 'recipient_id']),
  ],
};
const ajv = new Ajv({ strict: false, allErrors: false });
ajv.addFormat('date-time', dateTime);
const closedStep = ajv.compile(closedSteps);
const openapi = new Ajv(ajvOptions).compile(requestSchema());

// ---------------------------------------------------------------- §1.12 step 5: the filling

function deepExtend(target, source) {
  for (const [k, v] of Object.entries(source)) {
    target[k] = isObject(v) && isObject(target[k]) ? deepExtend({ ...target[k] }, v) : isObject(v) ? deepExtend({}, v) : v;
  }
  return target;
}
const extend = (run, own) => (isObject(run) ? deepExtend(deepExtend({}, run), isObject(own) ? own : {}) : own ?? {});

function filled(s, body) {
  const out = { ...s };
  const set = (k, v) => (v === undefined ? delete out[k] : (out[k] = v));
  if (s.action === 'send' || s.action === 'send-list') {
    set('brand', s.brand ?? body.brand);
    set('template', s.template ?? body.template);
    set('data', extend(body.data, s.data));
    set('override', s.override ?? {});
  }
  if (s.action === 'send') {
    set('recipient', s.recipient || body.recipient);
    set('profile', extend(body.profile, s.profile));
  }
  return out;
}

// ---------------------------------------------------------------- §1.1: what the delay service reads

const readsDuration = (v) => typeof v !== 'string' || /(\d*\.?\d+)\s+(days?|hours?|minutes?|months?|weeks?|years?)/.test(v);
// date-fns parseISO, as far as these payloads go: extended or basic date, optional time after 'T'
// or ' ', uppercase Z or an offset; a real calendar date and time.
function readsInstant(v) {
  if (typeof v !== 'string') return true;
  const m = /^(\d{4})-?(\d\d)-?(\d\d)(?:[T ](\d\d):?(\d\d)(?::?(\d\d)(?:[.,]\d+)?)?(Z|[+-]\d\d(?::?\d\d)?)?)?$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] && (m[4] ?? 0) <= 23 && (m[5] ?? 0) <= 59 && (m[6] ?? 0) <= 59;
}

// ---------------------------------------------------------------- §6: the OpenAPI's verdict, relaxed

// Rewrites what §6 lets the courier level accept though the OpenAPI refuses it (Courier's docs use
// it, or no payload satisfies both) into the OpenAPI's form; everything else must satisfy the
// OpenAPI too ("courier = schema + the engine's rules").
function relaxed(body) {
  const b = structuredClone(body);
  const steps = b?.automation?.steps;
  if (!Array.isArray(steps)) return b;
  const literal = (o) => {
    // String fields only (an accessor is an object, which object fields take as it is).
    const notStrings = ['action', 'if', 'ref', 'merge', 'merge_strategy', 'method', 'data', 'profile', 'override', 'context',
      'message', 'data_source', 'headers', 'params', 'body', 'webhook', 'subscription'];
    for (const k of Object.keys(o)) if (!notStrings.includes(k) && isAccessor(o[k])) o[k] = 'x';
  };
  steps.forEach((s, i) => {
    if (!isObject(s)) return;
    if (s.action === 'subscribe') return void (steps[i] = { action: 'cancel', cancelation_token: 'x' });
    literal(s);
    if (s.action === 'cancel' && s.cancelation_token === undefined && s.cancelationToken != null) s.cancelation_token = s.cancelationToken;
    if (s.merge_strategy === 'none') s.merge_strategy = 'replace';
    const w = s.webhook;
    if (!isObject(w)) return;
    literal(w);
    if (w.method === undefined || w.method === 'get') w.method = 'GET';
    if (w.method === 'post') w.method = 'POST';
    if (isObject(w.body)) w.body = JSON.stringify(w.body);
    if (isObject(w.headers)) for (const k of Object.keys(w.headers)) if (isAccessor(w.headers[k])) w.headers[k] = 'x';
  });
  return b;
}

// §6's contradictions (no payload satisfies both the OpenAPI and the engine): webhook `body` as a
// string, `method` PUT/PATCH/DELETE. The courier level warns and never refuses; so does this encoding.
function uncontested(s) {
  const w = s.webhook;
  if (!isObject(w)) return s;
  const out = { ...s, webhook: { ...w } };
  if (typeof w.body === 'string') out.webhook.body = {};
  if (['PUT', 'PATCH', 'DELETE'].includes(w.method)) out.webhook.method = 'GET';
  return out;
}

/** Why Courier refuses `body` (or the run fails), or null when it accepts it. */
function courierRefuses(body) {
  if (!openapi(relaxed(body))) return 'openapi';
  if (body.override) return 'override';
  const steps = body.automation.steps;
  if (steps.length === 0) return 'no steps';
  const refs = new Set();
  for (const s of steps) {
    if (typeof s.ref === 'string') {
      if (s.ref === '' || refs.has(s.ref)) return 'ref';
      refs.add(s.ref);
    }
    // §6: every step may carry `if` (an expression string) and `ref` (a name), the V2 form too.
    if ((s.if != null && typeof s.if !== 'string') || (s.ref != null && typeof s.ref !== 'string')) return 'if/ref';
    if (s.action === 'send' && s.message != null) {
      const legacy = ['template', 'recipient', 'brand', 'data', 'profile', 'override', 'idempotency_key', 'idempotency_expiry'];
      if (legacy.some((k) => k in s)) return 'v2 legacy field';
      if (!isObject(s.message)) return 'v2 message';
      if (s.message.to == null && !(body.recipient || isAccessor(body.recipient))) return 'v2 recipient';
      const resolves = (v) => (typeof v === 'string' && v !== '') || isAccessor(v);
      if (!resolves(s.message.template) && s.message.content == null && !resolves(body.template)) return 'v2 template';
      continue;
    }
    if (!closedStep(filled(uncontested(s), body))) return `closed ${s.action}`;
    if (!readsDuration(s.duration) || !readsDuration(s.delayFor)) return 'duration';
    if (!readsInstant(s.until) || !readsInstant(s.delayUntil)) return 'instant';
  }
  return null;
}

// ---------------------------------------------------------------- seeded payloads

const UNTILS = ['2024-04-08T08:09:10.123Z', '2024-04-08T08:09:10', '2024-04-08 08:09:10Z', '2024-04-08T08:09:10.5+0530',
  '20240408T080910.123', '20240408T080910Z', '2024-04-08', '2024-02-30T10:00:00Z', '2024-04-08t08:09:10Z', 'next tuesday', '2024-04-08T25:00:00Z'];
const DURATIONS = ['5 minutes', '1 hour', '1.5 weeks', '3 days', 'PT5M', '30 seconds', '5minutes', '2 Hours', 'soon', '12 months'];
const TEXTS = ['', 'x', 'user-1', 'T1'];
const VALUES = [null, '', 'x', 5, true, {}, [], { $ref: 'data.x' }, { a: 1 }];

function baseStep(r, i) {
  switch (r.int(8)) {
    case 0: return { action: 'delay', ...(r.chance(0.5) ? { duration: r.pick(DURATIONS) } : { until: r.pick(UNTILS) }) };
    case 1: return { action: 'send', ...(r.chance(0.6) ? { template: 'T' } : {}), ...(r.chance(0.5) ? { recipient: 'u' } : {}), ...(r.chance(0.3) ? { data: { a: { b: 1 } } } : {}) };
    case 2: return { action: 'send-list', list: 'L', ...(r.chance(0.5) ? { template: 'T' } : {}) };
    case 3: return { action: 'update-profile', recipient_id: 'u', merge: r.pick(['replace', 'overwrite', 'soft-merge', 'none']), profile: { a: 1 } };
    case 4: return { action: 'cancel', cancelation_token: `tok-${i}` };
    case 5: return { action: 'fetch-data', webhook: { url: 'https://x.org/a', method: r.pick(['GET', 'POST', 'get']), ...(r.chance(0.3) ? { headers: { a: 'b' } } : {}) }, merge_strategy: r.pick(['replace', 'none']) };
    case 6: return { action: 'invoke', template: 'A', ...(r.chance(0.3) ? { context: { data: { x: 1 } } } : {}) };
    default: return r.chance(0.5)
      ? { action: 'send', message: { ...(r.chance(0.7) ? { to: { user_id: 'u' } } : {}), ...(r.chance(0.7) ? { template: 'T' } : { content: { body: 'hi' } }) } }
      : { action: 'subscribe', list_id: 'L', recipient_id: 'u' };
  }
}

const EXTRA_KEYS = ['idempotency_key', 'recipient', 'profile', 'foo', 'cancellation_token', 'message', 'delayFor', 'until', 'list',
  'template', 'data_source', 'cancelationToken', 'brand', 'if', 'ref', 'merge', 'recipient_id', 'context', 'override', 'data'];

function perturbStep(r, s) {
  const pick = (list) => structuredClone(r.pick(list)); // never share a value between payloads
  const keys = Object.keys(s).filter((k) => k !== 'action');
  switch (r.int(7)) {
    case 0: s[pick(EXTRA_KEYS)] = pick([...VALUES, ...TEXTS, pick(UNTILS), pick(DURATIONS)]); break;
    case 1: if (keys.length) delete s[pick(keys)]; break;
    case 2: if (keys.length) s[pick(keys)] = pick(VALUES); break;
    case 3: if (keys.length) s[pick(keys)] = pick(TEXTS); break;
    case 4:
      if (isObject(s.webhook)) {
        const w = s.webhook;
        const k = r.pick(['url', 'method', 'headers', 'body', 'params', 'timeout']);
        if (r.chance(0.3)) delete w[k];
        else w[k] = pick([...VALUES, 'PUT', 'post', 'put', '{"a":1}', 'http://x.org', { a: { $ref: 'data.t' } }, { a: 1 }]);
      } else if (s.action === 'invoke') s.context = pick([{ brand: 'b' }, { x: 1 }, { brand: 5 }, { $ref: 'data.c' }, null, 'c']);
      else if (s.action === 'send-list') s.data_source = pick([{ webhook: {}, merge_strategy: 'none' }, { webhook: { url: 'https://x.org' } }, { merge_strategy: 'x', webhook: {} }, { webhook: {}, merge_strategy: 'replace', x: 1 }]);
      else if (isObject(s.message)) s.message = pick([{}, { to: null, template: 'T' }, { to: { user_id: 'u' }, template: '' }, 'm']);
      break;
    case 5: if (s.action === 'delay') s[pick(['duration', 'until', 'delayFor', 'delayUntil'])] = pick([...UNTILS, ...DURATIONS, null]); break;
    default: s.action = pick(['send', 'delay', 'sned', 'subscribe', 'cancel']);
  }
}

function payload(r) {
  const n = r.int(3);
  const steps = [];
  for (let i = 0; i <= n; i++) {
    const s = baseStep(r, i);
    for (let k = r.chance(0.75) ? 0 : 1 + r.int(2); k > 0; k--) perturbStep(r, s);
    if (r.chance(0.1)) s.ref = r.pick(['a', 'b', '']);
    steps.push(s);
  }
  const body = { automation: { cancelation_token: 'run', steps } };
  if (r.chance(0.85)) body.recipient = r.chance(0.8) ? 'u1' : r.pick(['', null, { $ref: 'data.r' }]);
  if (r.chance(0.8)) body.template = r.chance(0.8) ? 'T1' : r.pick(['', null]);
  if (r.chance(0.2)) body.brand = r.pick(['B', 'B', null, 5]);
  if (r.chance(0.3)) body.data = r.pick([{ a: { c: 2 } }, { a: { c: 2 } }, null, 'x']);
  if (r.chance(0.05)) body.override = r.pick([{}, null, '', { a: 1 }]);
  return body;
}

test('the courier level agrees with an independent encoding of §1.12 and §6 on 8,000 seeded payloads', async () => {
  await init();
  const r = prng(Number(process.env.CAW_DIFF_SEED ?? 0x1_12));
  const falseAccepts = [];
  const inventedErrors = [];
  let refused = 0;
  const reasons = {};
  for (let i = 0; i < 8000; i++) {
    const body = payload(r);
    const why = courierRefuses(body);
    const ours = validate(body);
    refused += why ? 1 : 0;
    if (why) reasons[why] = (reasons[why] ?? 0) + 1;
    if (why && ours.valid) falseAccepts.push({ why, body });
    if (!why && !ours.valid) inventedErrors.push({ errors: ours.errors.map((e) => `${e.code} ${e.path}`), body });
  }
  const show = (list) => list.slice(0, 3).map((x) => JSON.stringify(x)).join('\n');
  assert.equal(falseAccepts.length, 0, `false accepts (Courier refuses, we say valid):\n${show(falseAccepts)}`);
  assert.equal(inventedErrors.length, 0, `invented errors (Courier accepts, we refuse):\n${show(inventedErrors)}`);
  // The payloads must exercise both verdicts and every kind of refusal.
  assert.ok(refused > 2000 && refused < 6000, `${refused} of 8000 refused`);
  for (const why of ['openapi', 'override', 'ref', 'duration', 'instant', 'v2 legacy field', 'v2 recipient', 'v2 template',
    'closed delay', 'closed send', 'closed send-list', 'closed update-profile', 'closed cancel', 'closed fetch-data', 'closed invoke', 'closed subscribe']) {
    assert.ok(reasons[why] > 0, `no payload refused for ${why}: ${JSON.stringify(reasons)}`);
  }
});
