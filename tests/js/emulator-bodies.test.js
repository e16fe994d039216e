/**
 * One reading of every body the emulator takes (issue 14 item 7): the validator's JSON layer
 * decides, and the value is parsed from the same bytes only once it has accepted them. A UTF-8
 * BOM is accepted everywhere (as the validator and Courier's body parser accept it); a NUL and
 * garbage after the document is a 400 with the validator's located json.syntax, never a 500.
 * Unknown fixture kinds are refused the same way by startEmulator, `serve --fixtures` and the
 * control API, with the nearest kind (issue 16 item 4); PUT /__emulator/fixtures forgets the
 * idempotency keys with the runs.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../js/emulator/index.js';
import { runCli, withFiles } from './cli/helpers.js';

const NOW = '2024-04-08T08:00:00Z';
const AUTH = { Authorization: 'Bearer test-key', 'Content-Type': 'application/json' };
const CONTROL = { 'Content-Type': 'application/json' };
const BODY = '{"recipient":"u","automation":{"steps":[{"action":"send","template":"T"}]}}';
const TEMPLATES = { templates: { welcome: { steps: [{ action: 'send', template: 'T' }] } } };
const bom = (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
const nulGarbage = (text) => Buffer.from(`${text}\u0000garbage{{{`);

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emu;
before(async () => {
  emu = await startEmulator({ port: 0, now: NOW, fixtures: TEMPLATES });
});
after(() => emu.close());

const send = async (method, path, body, headers) => {
  const res = await fetch(emu.url + path, { method, headers, body });
  return { status: res.status, body: await res.json() };
};

/** The validator's located error, in the report and in the message. */
function assertLocatedSyntax(res, column) {
  assert.equal(res.status, 400, JSON.stringify(res.body));
  assert.equal(res.body.type, 'invalid_request_error');
  const [problem] = res.body.report.errors;
  assert.equal(problem.code, 'json.syntax');
  assert.equal(problem.line, 1);
  assert.equal(problem.column, column);
  assert.match(res.body.message, new RegExp(`unexpected content after the JSON value \\(line 1:${column}\\)`));
}

test('a UTF-8 BOM before the JSON: accepted by the invoke endpoints and the control API, as the validator accepts it', async () => {
  const adHoc = await send('POST', '/automations/invoke', bom(BODY), AUTH);
  assert.equal(adHoc.status, 200, JSON.stringify(adHoc.body));
  assert.match(adHoc.body.runId, /^1-/);
  const byTemplate = await send('POST', '/automations/welcome/invoke', bom('{"recipient":"u"}'), AUTH);
  assert.equal(byTemplate.status, 200, JSON.stringify(byTemplate.body));
  const clock = await send('POST', '/__emulator/clock', bom('{"advance":"1 minute"}'), CONTROL);
  assert.equal(clock.status, 200, JSON.stringify(clock.body));
  assert.equal(clock.body.now, '2024-04-08T08:01:00.000Z');
});

test('NUL and garbage after the JSON: 400 with the validator\'s located json.syntax, on every endpoint that reads a body', async () => {
  assertLocatedSyntax(await send('POST', '/automations/invoke', nulGarbage(BODY), AUTH), BODY.length + 1);
  assertLocatedSyntax(await send('POST', '/automations/welcome/invoke', nulGarbage('{"recipient":"u"}'), AUTH), 18);
  assertLocatedSyntax(await send('POST', '/__emulator/clock', nulGarbage('{"advance":"1 minute"}'), CONTROL), 23);
  assertLocatedSyntax(await send('POST', '/__emulator/fixtures', nulGarbage('{}'), CONTROL), 3);
  // A BOM and the garbage together: still the validator's reading.
  assert.equal((await send('POST', '/automations/invoke', Buffer.concat([bom(BODY), Buffer.from('\u0000x')]), AUTH)).status, 400);
});

test('invalid UTF-8 in a control or by-template body is the validator\'s json.utf8, a 400', async () => {
  const bad = Buffer.concat([Buffer.from('{"recipient":"u'), Buffer.from([0xff]), Buffer.from('"}')]);
  for (const [path, headers] of [['/automations/welcome/invoke', AUTH], ['/__emulator/reset', CONTROL]]) {
    const res = await send('POST', path, bad, headers);
    assert.equal(res.status, 400, `${path}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.report.errors[0].code, 'json.utf8');
  }
});

const KIND_MESSAGE = /unknown fixture kind "template" at \/template; did you mean "templates"\? \(kinds: profiles, lists, templates, webhooks\)/;

test('an unknown fixture kind: startEmulator refuses it, naming the nearest kind', async () => {
  await assert.rejects(startEmulator({ port: 0, fixtures: { template: TEMPLATES.templates } }), (err) => {
    assert.match(err.message, KIND_MESSAGE);
    assert.equal(err.report.errors[0].code, 'scenario.fixtures');
    assert.equal(err.report.errors[0].path, '/template');
    return true;
  });
  await assert.rejects(startEmulator({ port: 0, fixtures: [] }), /fixtures must be an object/);
});

test('an unknown fixture kind: the control API refuses it the same way (POST, PUT and reset)', async () => {
  for (const [method, path, body] of [
    ['POST', '/__emulator/fixtures', { template: TEMPLATES.templates }],
    ['PUT', '/__emulator/fixtures', { template: TEMPLATES.templates }],
    ['POST', '/__emulator/reset', { fixtures: { template: TEMPLATES.templates } }],
  ]) {
    const res = await send(method, path, JSON.stringify(body), CONTROL);
    assert.equal(res.status, 400, `${method} ${path}`);
    assert.match(res.body.message, KIND_MESSAGE);
    assert.equal(res.body.report.errors[0].hint, 'did you mean "templates"? (kinds: profiles, lists, templates, webhooks)');
  }
  assert.deepEqual(Object.keys((await send('GET', '/__emulator/fixtures')).body.fixtures), ['templates'], 'nothing was loaded');
});

test('an unknown fixture kind: `serve --fixtures` refuses it the same way (one line, exit 1)', async () => {
  await withFiles(async (write) => {
    const file = await write('fixtures.json', JSON.stringify({ template: TEMPLATES.templates }));
    const r = await runCli(['serve', '--port', '0', '--fixtures', file]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.ok(r.stderr.includes(file));
    assert.match(r.stderr, KIND_MESSAGE);
  });
});

test('PUT /__emulator/fixtures forgets the runs and the idempotency keys that replay them', async () => {
  await send('POST', '/__emulator/reset', JSON.stringify({ now: NOW, fixtures: TEMPLATES }), CONTROL);
  const first = await send('POST', '/automations/invoke', BODY, { ...AUTH, 'Idempotency-Key': 'once' });
  assert.equal(first.status, 200);
  let state = (await send('GET', '/__emulator')).body;
  assert.equal(state.runs, 1);
  assert.equal(state.idempotencyKeys, 1);
  const put = await send('PUT', '/__emulator/fixtures', JSON.stringify(TEMPLATES), CONTROL);
  assert.equal(put.status, 200);
  state = (await send('GET', '/__emulator')).body;
  assert.equal(state.runs, 0);
  assert.equal(state.idempotencyKeys, 0, 'no key left pointing at a forgotten run');
  const again = await send('POST', '/automations/invoke', BODY, { ...AUTH, 'Idempotency-Key': 'once' });
  assert.equal(again.status, 200);
  assert.equal((await send('GET', '/__emulator')).body.runs, 1, 'the key started a new run');
});
