/**
 * The benchmark corpora, generated deterministically (seeded PRNG): the seed example, three
 * valid requests grown to a byte size, one with `ref` + `if` on every step (a share of the `if`s
 * outside the subset the dry run evaluates: `step.if.unsupported`), and one full of problems.
 * Sizes are decimal (1 KB = 1,000 bytes); each table prints the exact byte count.
 */
import { readFileSync } from 'node:fs';
import { prng, validPayload, validStep } from '../../tests/js/support/payloads.js';

const root = new URL('../../', import.meta.url);
const MAX_STEPS = 10_000; // limit.steps: a bigger corpus would measure the limit, not the validator

/** Steps from `makeStep(i)` appended to `head.automation.steps` until the JSON reaches `bytes`. */
function grow(head, bytes, makeStep) {
  const steps = head.automation.steps;
  // One step's length is known once it is serialised: append, measure, stop at the target.
  let size = JSON.stringify(head).length;
  for (let i = steps.length; size < bytes && steps.length < MAX_STEPS; i++) {
    const step = makeStep(i);
    size += JSON.stringify(step).length + (steps.length ? 1 : 0);
    steps.push(step);
  }
  return head;
}

// `if` expressions inside the evaluated subset (member access, comparisons, &&, ||, !, parentheses)…
const SIMPLE_IFS = [
  (i) => `data.plan === 'pro'`,
  (i) => `refs.step_${i - 1}.status >= 2 && !data.optout`,
  (i) => `(data.score > 3 || data.vip === true) && profile.locale !== 'fr'`,
  (i) => `refs.step_${Math.max(0, i - 2)}.statusName === 'SENT'`,
  (i) => `data.nested.ok && data.tags != null`,
];
// …and outside it (Courier runs them as JavaScript; the dry run treats them as true).
const OTHER_IFS = [
  (i) => `data.vip ? true : false`,
  (i) => `data.tags.includes('b')`,
  (i) => `data.score * 2 > ${i % 10}`,
  (i) => `typeof data.name === 'string'`,
];

/**
 * validStep's `if` reads `refs.step-N` (a subtraction: outside the evaluated subset, so a
 * warning); the size corpora are meant to be clean, so their `if`s stay inside the subset.
 */
function cleanStep(r, i) {
  const step = validStep(r, i);
  if (step.if !== undefined) step.if = `data.plan === 'pro' && refs.step_${i}.status >= 2`;
  // A webhook body draws contract.contradiction (string in the OpenAPI, object in the engine):
  // a clean corpus leaves it out.
  if (step.webhook) delete step.webhook.body;
  return step;
}

/** Every step named and conditioned; about one `if` in eight outside the subset. */
function ifRefStep(r, i) {
  const step = validStep(r, i);
  step.ref = `step_${i}`;
  step.if = (r.chance(0.125) ? r.pick(OTHER_IFS) : r.pick(SIMPLE_IFS))(i);
  if (step.webhook) delete step.webhook.body;  // see cleanStep
  return step;
}

/** A step with one or more courier- or schema-level problems (and a few warnings). */
function badStep(r, i) {
  switch (i % 12) {
    case 0: return { action: 'sned', template: `T_${i}` }; // step.action.unknown (did-you-mean)
    case 1: return { action: 'delay', duration: `${1 + (i % 9)}minutes` }; // delay.duration.format
    case 2: return { action: 'delay', duration: 'PT5M', until: '2024-13-01T00:00:00Z' }; // conflict, iso8601, impossible
    case 3: return { action: 'send', tempalte: 'T', recipient: '' }; // unknown_property, template/recipient missing (no run template)
    case 4: return { action: 'send-list', list: '', template: 5 }; // list.empty, schema.type
    case 5: return { action: 'update-profile', merge: 'merge-all', profile: 'x' }; // schema.enum, schema.type
    case 6: return { action: 'cancel', cancellation_token: `tok-${i}` }; // required, spelling
    case 7: return { action: 'fetch-data', webhook: { url: `example.com/u/${i}`, method: 'get', body: { q: i } }, merge_strategy: 'none' };
    case 8: return { action: 'invoke', template: '', ref: '' }; // invoke.template.empty, step.ref.empty
    case 9: return { action: 'delay', delayFor: '30 seconds', ref: `dup-${i % 5}` }; // deprecated, seconds, duplicate refs
    case 10: return { action: 'delay', until: 'next tuesday', if: 7 }; // until.format, schema.type
    default: return { ...validStep(r, i), extra_field: true }; // one warning on an otherwise valid step
  }
}

/**
 * @returns {{ name: string, kind: 'seed' | 'valid' | 'if-ref' | 'errors', bytes: Uint8Array }[]}
 *   in table order; `CAW_BENCH_CORPORA` (comma-separated names) keeps a subset.
 */
export function corpora() {
  const seed = JSON.stringify(JSON.parse(readFileSync(new URL('tests/fixtures/valid/seed-example.json', root), 'utf8')));
  const r = prng(42);
  const valid = (bytes) => grow(validPayload(r, 0), bytes, (i) => cleanStep(r, i));
  const list = [
    { name: 'seed example', kind: 'seed', text: seed },
    { name: '4.6 KB', kind: 'valid', text: JSON.stringify(valid(4_600)) },
    { name: '93 KB', kind: 'valid', text: JSON.stringify(valid(93_000)) },
    { name: '944 KB', kind: 'valid', text: JSON.stringify(valid(944_000)) },
    { name: 'if/ref 840 KB', kind: 'if-ref', text: JSON.stringify(grow(validPayload(r, 0), 840_000, (i) => ifRefStep(r, i))) },
    {
      name: 'errors 93 KB', kind: 'errors',
      // No run-level template: the send steps without one are errors too.
      text: JSON.stringify(grow({ ...validPayload(r, 0), template: undefined }, 93_000, (i) => badStep(r, i))),
    },
  ];
  const keep = process.env.CAW_BENCH_CORPORA?.split(',').map((s) => s.trim()).filter(Boolean);
  return list
    .filter((c) => !keep || keep.some((k) => c.name.includes(k)))
    .map((c) => ({ name: c.name, kind: c.kind, bytes: new TextEncoder().encode(c.text) }));
}
