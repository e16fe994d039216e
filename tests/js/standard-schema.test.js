// Standard Schema v1 (issue 15 item 4): standardSchema() / invokeBodySchema from the main
// entry, driven by a real consumer of the standard from npm (Hono's @hono/standard-validator,
// which takes any Standard Schema) and by the spec's contract directly: `{ value }` or
// `{ issues: [{ message, path }] }`, a Promise before init() and a plain result after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { sValidator } from '@hono/standard-validator';
import { init, validate, standardSchema, invokeBodySchema } from 'courier-automations-wasm';

const seed = JSON.parse(await readFile(new URL('../fixtures/valid/seed-example.json', import.meta.url), 'utf8'));
const bad = { automation: { steps: [{ action: 'send', recipient: 'u', template: 'T' }, { action: 'sned' }] }, brand: 3 };

// First in the file: nothing has called init() yet in this process.
test('before init(): validate returns a Promise that loads the module and then answers', async () => {
  const pending = invokeBodySchema['~standard'].validate(bad);
  assert.ok(pending instanceof Promise);
  const result = await pending;
  assert.ok(result.issues && result.issues.length >= 2);
  // The promise loaded the module: from now on the answer is synchronous.
  const now = invokeBodySchema['~standard'].validate(seed);
  assert.ok(!(now instanceof Promise));
  assert.deepEqual(now, { value: seed });
});

test('the Standard Schema v1 props: version 1, the vendor, a validate function', () => {
  for (const schema of [invokeBodySchema, standardSchema({ level: 'schema' }), standardSchema({ body: 'by-template' })]) {
    const props = schema['~standard'];
    assert.equal(props.version, 1);
    assert.equal(props.vendor, 'courier-automations-wasm');
    assert.equal(typeof props.validate, 'function');
  }
});

test('issues are the report\'s errors: message (with the hint), path as segments with numbers for array indices', async () => {
  await init();
  const report = validate(bad);
  const result = invokeBodySchema['~standard'].validate(bad);
  assert.equal(result.value, undefined);
  assert.equal(result.issues.length, report.errors.length, 'one issue per error');
  const action = result.issues.find((i) => i.code === 'step.action.unknown');
  assert.deepEqual(action.path, ['automation', 'steps', 1, 'action']);
  assert.equal(typeof action.path[2], 'number');
  assert.match(action.message, /Unknown step action "sned" \(use "send"\)/);
  const brand = result.issues.find((i) => i.code === 'schema.type');
  assert.deepEqual(brand.path, ['brand']);
  // The whole body: an empty path.
  assert.deepEqual(invokeBodySchema['~standard'].validate([]).issues.map((i) => i.path), [[]]);
});

test('JSON text is validated as text and, when valid, gives the parsed body as value', async () => {
  await init();
  const schema = invokeBodySchema['~standard'];
  assert.deepEqual(schema.validate(JSON.stringify(seed)), { value: seed });
  const fromText = schema.validate(JSON.stringify(bad, null, 2));
  assert.deepEqual(fromText.issues.map((i) => i.path), schema.validate(bad).issues.map((i) => i.path));
  const broken = schema.validate('{"automation": ');
  assert.equal(broken.issues[0].code, 'json.syntax');
});

test('level: the schema level accepts what only Courier refuses', async () => {
  await init();
  const delayWithoutTiming = { automation: { steps: [{ action: 'delay' }] } };
  assert.ok(invokeBodySchema['~standard'].validate(delayWithoutTiming).issues);
  assert.deepEqual(standardSchema({ level: 'schema' })['~standard'].validate(delayWithoutTiming), { value: delayWithoutTiming });
});

test('what JSON cannot hold is an issue, not an exception; bad options are TypeErrors', async () => {
  await init();
  const cyclic = {};
  cyclic.self = cyclic;
  for (const value of [undefined, 10n, cyclic, () => {}]) {
    const result = invokeBodySchema['~standard'].validate(value);
    assert.ok(result.issues?.length === 1, String(value));
    assert.deepEqual(result.issues[0].path, []);
  }
  assert.throws(() => standardSchema({ bdy: 'ad-hoc' }), /standardSchema: unknown option "bdy"/);
  assert.throws(() => standardSchema({ body: 'template' }), TypeError);
  assert.throws(() => standardSchema({ level: 'strict' }), TypeError);
});

test('by-template bodies: the client\'s structural checks, synchronous without the module', () => {
  const schema = standardSchema({ body: 'by-template' })['~standard'];
  assert.deepEqual(schema.validate({ recipient: 'u', data: { a: 1 } }), { value: { recipient: 'u', data: { a: 1 } } });
  assert.deepEqual(schema.validate('{"recipient":"u"}'), { value: { recipient: 'u' } });
  const result = schema.validate({ recipient: 1, data: [] });
  assert.deepEqual(result.issues.map((i) => i.path), [['recipient'], ['data']]);
  assert.equal(schema.validate('{').issues[0].code, 'json.syntax');
  assert.deepEqual(schema.validate('[]').issues.map((i) => i.path), [[]]);
});

test('a real consumer: Hono\'s sValidator takes the schema and refuses bad bodies with its issues', async () => {
  const app = new Hono();
  const seen = [];
  app.post('/automations/invoke', sValidator('json', invokeBodySchema), (c) => {
    seen.push(c.req.valid('json'));
    return c.json({ accepted: true });
  });
  app.post('/automations/:template/invoke', sValidator('json', standardSchema({ body: 'by-template' }), (result, c) => {
    if (!result.success) return c.json({ problems: result.error.map((i) => `${i.path.join('.')}: ${i.message}`) }, 422);
  }), (c) => c.json({ template: c.req.param('template'), body: c.req.valid('json') }));
  const post = (path, body) => app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  const ok = await post('/automations/invoke', seed);
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { accepted: true });
  assert.deepEqual(seen, [seed], 'the handler got the validated body');

  const refused = await post('/automations/invoke', bad);
  assert.equal(refused.status, 400);
  const body = await refused.json();
  assert.equal(body.success, false);
  const action = body.error.find((i) => i.code === 'step.action.unknown');
  assert.deepEqual(action.path, ['automation', 'steps', 1, 'action']);
  assert.equal(seen.length, 1, 'the handler never saw the bad body');

  const template = await post('/automations/welcome/invoke', { recipient: 'u' });
  assert.deepEqual(await template.json(), { template: 'welcome', body: { recipient: 'u' } });
  const badTemplate = await post('/automations/welcome/invoke', { recipient: 7 });
  assert.equal(badTemplate.status, 422);
  assert.deepEqual(await badTemplate.json(), { problems: ['recipient: expected a string or null, got number'] });
});
