import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { startEmulator } from '../../../js/emulator/index.js';
import { fixture, SEED } from './helpers.js';

const seed = JSON.parse(await readFile(SEED, 'utf8'));
const templates = JSON.parse(await readFile(fixture('scenarios/templates.fixtures.json'), 'utf8'));
const AUTH = { Authorization: 'Bearer test-key', 'Content-Type': 'application/json' };
// Control API writes are JSON (the emulator refuses other content types there: cross-site requests).
const JSON_BODY = { 'Content-Type': 'application/json' };

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emu;
before(async () => {
  emu = await startEmulator({ port: 0, now: '2024-04-08T08:00:00Z', bodyLimit: 64 * 1024 });
});
after(() => emu.close());

const post = (path, body, headers = AUTH) => fetch(emu.url + path, {
  method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body),
});
const get = async (path) => (await fetch(emu.url + path)).json();
const reset = (body = {}) => post('/__emulator/reset', { now: '2024-04-08T08:00:00Z', ...body }, JSON_BODY);

test('listens on 127.0.0.1 and reports its state', async () => {
  assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  await reset();
  const s = await get('/__emulator');
  assert.equal(s.now, '2024-04-08T08:00:00.000Z');
  assert.equal(s.runs, 0);
});

test('200 { runId } for a valid ad hoc body', async () => {
  await reset();
  const res = await post('/automations/invoke', seed);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const body = await res.json();
  assert.match(body.runId, /^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  const run = await get(`/__emulator/runs/${body.runId}`);
  assert.equal(run.runId, body.runId);
  assert.equal(run.status, 'WAITING');
});

test('401 with a Courier-style body without a Bearer key', async () => {
  for (const headers of [{ 'Content-Type': 'application/json' }, { Authorization: 'Bearer ', 'Content-Type': 'application/json' }, { Authorization: 'Token abc' }]) {
    const res = await post('/automations/invoke', seed, headers);
    assert.equal(res.status, 401);
    const body = await res.json();
    assert.equal(typeof body.message, 'string');
    assert.equal(typeof body.type, 'string');
  }
  const basic = await post('/automations/invoke', seed, { Authorization: `Basic ${Buffer.from('me@example.com:test-key').toString('base64')}` });
  assert.equal(basic.status, 200, 'Basic email:token works too');
});

test('400 invalid_request_error with the problems in the message and the report under `report`', async () => {
  const res = await post('/automations/invoke', { automation: { steps: [{ action: 'delay', duration: 'PT5M' }] } });
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.equal(body.type, 'invalid_request_error');
  assert.match(body.message, /^Invalid Steps Definition: /);
  assert.match(body.message, /\/automation\/steps\/0\/duration/);
  assert.equal(body.report.valid, false);
  assert.ok(body.report.errors.some((p) => p.path === '/automation/steps/0/duration'));
  const syntax = await post('/automations/invoke', '{"automation": ');
  assert.equal(syntax.status, 400);
  const sb = await syntax.json();
  assert.equal(sb.type, 'invalid_request_error');
  assert.equal(sb.report.errors[0].code.split('.')[0], 'json');
});

test('413 for a body over the limit', async () => {
  const huge = JSON.stringify({ ...seed, data: { blob: 'x'.repeat(100 * 1024) } });
  const res = await post('/automations/invoke', huge);
  assert.equal(res.status, 413);
  const body = await res.json();
  assert.equal(body.type, 'invalid_request_error');
  assert.match(body.message, /too large/);
});

test('Idempotency-Key: the same key replays the first response and starts nothing', async () => {
  await reset();
  const headers = { ...AUTH, 'Idempotency-Key': 'order-ORD-456-user-123' };
  const first = await post('/automations/invoke', seed, headers);
  const second = await post('/automations/invoke', seed, headers);
  assert.equal(first.status, 200);
  assert.equal(second.status, 200);
  const a = await first.json();
  const b = await second.json();
  assert.deepEqual(b, a);
  assert.equal(second.headers.get('idempotent-replayed'), 'true');
  assert.equal((await get('/__emulator/runs')).runs.length, 1);
  const other = await (await post('/automations/invoke', seed, { ...AUTH, 'Idempotency-Key': 'another' })).json();
  assert.notEqual(other.runId, a.runId);
  // A refused body is not stored: fixing it and retrying with the same key works.
  const k = { ...AUTH, 'Idempotency-Key': 'fix-me' };
  assert.equal((await post('/automations/invoke', { automation: { steps: [] } }, k)).status, 400);
  assert.equal((await post('/automations/invoke', seed, k)).status, 200);
});

test('the clock: messages appear only once it passes the delay', async () => {
  await reset();
  const { runId } = await (await post('/automations/invoke', seed)).json();
  assert.deepEqual((await get('/__emulator/messages')).messages, []);
  let clock = await (await post('/__emulator/clock', { to: '2024-04-08T08:09:10.122Z' }, JSON_BODY)).json();
  assert.equal(clock.now, '2024-04-08T08:09:10.122Z');
  assert.deepEqual((await get('/__emulator/messages')).messages, []);
  clock = await (await post('/__emulator/clock', { advance: '1 minute' }, JSON_BODY)).json();
  assert.equal(clock.now, '2024-04-08T08:10:10.122Z');
  const { messages } = await get('/__emulator/messages');
  assert.equal(messages.length, 1);
  assert.equal(messages[0].runId, runId);
  assert.equal(messages[0].recipient, 'user-yes');
  assert.equal(messages[0].template, '64TP5HKPFTM8VTK1Y75SJDQX9JK0');
  assert.equal(messages[0].data.name, 'Foo');
  assert.equal((await get(`/__emulator/runs/${runId}`)).status, 'PROCESSED');
  assert.equal((await get('/__emulator/clock')).now, '2024-04-08T08:10:10.122Z');
  const back = await post('/__emulator/clock', { to: '2024-01-01T00:00:00Z' }, JSON_BODY);
  assert.equal(back.status, 400, 'the clock never goes back');
  const bad = await post('/__emulator/clock', { advance: 'soon' }, JSON_BODY);
  assert.equal(bad.status, 400);
});

test('delay then cancel across two requests', async () => {
  await reset();
  const first = await (await post('/automations/invoke', {
    recipient: 'user-yes',
    automation: { cancelation_token: 'T', steps: [{ action: 'delay', duration: '1 day' }, { action: 'send', template: 'X' }] },
  })).json();
  await post('/__emulator/clock', { advance: '1 hour' }, JSON_BODY);
  const second = await post('/automations/invoke', { automation: { steps: [{ action: 'cancel', cancelation_token: 'T' }] } });
  assert.equal(second.status, 200);
  await post('/__emulator/clock', { advance: '2 days' }, JSON_BODY);
  assert.equal((await get(`/__emulator/runs/${first.runId}`)).status, 'CANCELED');
  assert.deepEqual((await get('/__emulator/messages')).messages, []);
});

test('template invoke with a fixture; 400 "Invalid TemplateId." for an unknown template', async () => {
  await reset();
  const missing = await post('/automations/welcome-flow/invoke', { recipient: 'user-yes' });
  assert.equal(missing.status, 400);
  const missingBody = await missing.json();
  assert.equal(missingBody.type, 'invalid_request_error');
  assert.equal(missingBody.message, 'Invalid TemplateId.');
  const loaded = await post('/__emulator/fixtures', templates, JSON_BODY);
  assert.equal(loaded.status, 200);
  const res = await post('/automations/welcome-flow/invoke', { recipient: 'user-yes', data: { name: 'Foo' } });
  assert.equal(res.status, 200);
  const { runId } = await res.json();
  await post('/__emulator/clock', { advance: '1 hour' }, JSON_BODY);
  const { messages } = await get(`/__emulator/messages?runId=${runId}`);
  assert.equal(messages.length, 1);
  assert.equal(messages[0].recipient, 'user-yes');
  assert.equal(messages[0].data.name, 'Foo');
  const bad = await post('/automations/welcome-flow/invoke', { recipient: 42 });
  assert.equal(bad.status, 400);
});

test("Courier's 400 messages, in the order its invoke handler checks (§1.12)", async () => {
  await reset();
  const message = async (body) => {
    const res = await post('/automations/invoke', body);
    assert.equal(res.status, 400, JSON.stringify(body));
    const json = await res.json();
    assert.equal(json.type, 'invalid_request_error');
    assert.equal(json.report.valid, false, 'the report rides along');
    return json.message;
  };
  assert.equal(await message({ ...seed, override: { channel: {} }, automation: { steps: [] } }),
    "Invalid request property. 'override' is only applicable to send and send-list steps.");
  assert.equal(await message({ recipient: 'u' }), 'Either an ad hoc automation or valid templateId is required.');
  assert.equal(await message({ recipient: 'u', automation: { steps: [] } }), 'Invalid automation definition. An array of valid steps is required.');
  assert.match(await message({ recipient: 'u', automation: { steps: [{ action: 'delay', duration: '1 hour', idempotency_key: 'k' }] } }),
    /^Invalid Steps Definition: \/automation\/steps\/0\/idempotency_key: /);
  assert.match(await message(JSON.parse(readFileSync(fixture('invalid/delay.until.basic_format.json'), 'utf8'))),
    /^Invalid Steps Definition: \/automation\/steps\/0\/until: /, "Courier's own example");
});

test('a template run is checked with the request as its run context before it starts', async () => {
  await reset({ fixtures: templates });
  // welcome-flow's send step has no recipient of its own: the request must give one.
  const res = await post('/automations/welcome-flow/invoke', { data: { name: 'Foo' } });
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.match(body.message, /^Invalid Steps Definition: \/automation\/steps\/1\/recipient: /);
  assert.equal((await get('/__emulator/runs')).runs.length, 0, 'no run started');
  const brandNull = await post('/automations/welcome-flow/invoke', { recipient: 'u', brand: null });
  assert.equal(brandNull.status, 400, "a request-level brand: null fills the send step's brand");
  assert.equal((await post('/automations/welcome-flow/invoke', { recipient: 'u' })).status, 200);
});

test('a template fixture written as Courier stores it ({steps, cancelation_token})', async () => {
  const stored = { cancelation_token: 'tpl', steps: [{ action: 'send', template: 'T' }] };
  await reset({ fixtures: { templates: { stored } } });
  const res = await post('/automations/stored/invoke', { recipient: 'u' });
  assert.equal(res.status, 200);
  const bad = await post('/__emulator/fixtures', { templates: { worse: { steps: [{ action: 'send', if: null }] } } }, JSON_BODY);
  assert.equal(bad.status, 400);
  assert.ok((await bad.json()).report.errors.some((p) => p.path === '/templates/worse/steps/0/if'));
});

test('idempotency keys are scoped per API key and per path', async () => {
  await reset({ fixtures: templates });
  const as = (key) => ({ Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'same' });
  const a = await (await post('/automations/invoke', seed, as('key-a'))).json();
  const b = await (await post('/automations/invoke', seed, as('key-b'))).json();
  assert.notEqual(a.runId, b.runId, 'another API key is another scope');
  const t = await (await post('/automations/welcome-flow/invoke', { recipient: 'u' }, as('key-a'))).json();
  assert.notEqual(t.runId, a.runId, 'another path is another scope');
  const again = await post('/automations/invoke', seed, as('key-a'));
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(await again.json(), a);
});

test('fixtures loaded after runs keep the history and its run ids', async () => {
  await reset();
  const { runId } = await (await post('/automations/invoke', seed)).json();
  await post('/__emulator/fixtures', { profiles: { 'user-yes': { email: 'y@example.com' } } }, JSON_BODY);
  const runs = (await get('/__emulator/runs')).runs;
  assert.deepEqual(runs.map((r) => r.runId), [runId]);
  const badFixture = await post('/__emulator/fixtures', { gadgets: {} }, JSON_BODY);
  assert.equal(badFixture.status, 400);
});

test('404 and 405 are JSON', async () => {
  const nf = await post('/nope', {});
  assert.equal(nf.status, 404);
  assert.equal(typeof (await nf.json()).message, 'string');
  const na = await fetch(`${emu.url}/automations/invoke`, { headers: AUTH });
  assert.equal(na.status, 405);
  assert.equal(na.headers.get('allow'), 'POST');
  assert.equal((await na.json()).type, 'invalid_request_error');
  const unknownRun = await fetch(`${emu.url}/__emulator/runs/1-00000000-000000000000000000000000`);
  assert.equal(unknownRun.status, 404);
});

test('reset forgets runs, messages and idempotency keys', async () => {
  await post('/automations/invoke', seed, { ...AUTH, 'Idempotency-Key': 'k1' });
  const r = await (await reset({ seed: 9 })).json();
  assert.equal(r.runs, 0);
  assert.equal(r.idempotencyKeys, 0);
  assert.equal(r.seed, 9);
  assert.deepEqual((await get('/__emulator/messages')).messages, []);
});

test('an invalid fixture is a 400 with the report, and the fixtures before it stay', async () => {
  await reset({ fixtures: templates });
  const res = await post('/__emulator/fixtures', { templates: { broken: { automation: { steps: [] } } } }, JSON_BODY);
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.equal(body.type, 'invalid_request_error');
  assert.ok(body.report.errors.some((p) => p.path.startsWith('/templates/broken') || p.path.includes('broken')), JSON.stringify(body.report));
  const { fixtures } = await get('/__emulator/fixtures');
  assert.deepEqual(Object.keys(fixtures.templates), ['welcome-flow']);
  assert.equal((await post('/automations/welcome-flow/invoke', { recipient: 'user-yes' })).status, 200);
});

test('{ idle: true } runs every waiting step and moves the clock to the last one', async () => {
  await reset();
  await post('/automations/invoke', { recipient: 'u', automation: { steps: [{ action: 'delay', duration: '3 days' }, { action: 'send', template: 'T' }] } });
  const clock = await (await post('/__emulator/clock', { idle: true }, JSON_BODY)).json();
  assert.equal(clock.now, '2024-04-11T08:00:00.000Z');
  assert.equal(clock.waitingRuns, 0);
  assert.equal((await get('/__emulator/messages')).messages.length, 1);
});

test('CORS: loopback pages (the playground) may call the emulator, other origins get no CORS headers', async () => {
  const preflight = await fetch(emu.url + '/automations/invoke', {
    method: 'OPTIONS',
    headers: { Origin: 'http://127.0.0.1:8080', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key' },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8080');
  assert.match(preflight.headers.get('access-control-allow-headers'), /idempotency-key/);

  const local = await post('/automations/invoke', seed, { ...AUTH, Origin: 'http://localhost:8080' });
  assert.equal(local.status, 200);
  assert.equal(local.headers.get('access-control-allow-origin'), 'http://localhost:8080');

  const foreign = await post('/automations/invoke', seed, { ...AUTH, Origin: 'https://evil.example' });
  assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  const foreignPreflight = await fetch(emu.url + '/automations/invoke', {
    method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
  });
  assert.equal(foreignPreflight.headers.get('access-control-allow-origin'), null);
});
