// The emulator's read endpoints (the newest SDK's GET /automations, /automations/runs,
// /automations/runs/{id}/steps) against the real emulator over HTTP: the installed SDK where it
// has the method (automations.list), plain fetch otherwise.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Courier from '@trycourier/courier';
import { startEmulator } from '../../js/emulator/index.js';

const AUTH = { Authorization: 'Bearer test-key', 'Content-Type': 'application/json' };
const JSON_BODY = { 'Content-Type': 'application/json' };
const NOW = '2024-04-08T08:00:00Z';
const send = (recipient) => ({ action: 'send', recipient, template: 'TPL' });
const TEMPLATE = { steps: [send('user-a'), { action: 'delay', duration: '1 hour' }, send('user-a')] };

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emu;
/** @type {Courier} */
let sdk;
before(async () => {
  emu = await startEmulator({ port: 0, now: NOW });
  sdk = new Courier({ apiKey: 'test-key', baseURL: emu.url, maxRetries: 0 });
});
after(() => emu.close());

const post = async (path, body, headers = AUTH) => {
  const res = await fetch(emu.url + path, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};
const get = async (path, headers = AUTH) => {
  const res = await fetch(emu.url + path, { headers });
  return { status: res.status, body: await res.json() };
};
const reset = (fixtures = {}) => post('/__emulator/reset', { now: NOW, fixtures }, JSON_BODY);
const advance = (advance) => post('/__emulator/clock', { advance }, JSON_BODY);
const adHoc = async (steps) => (await post('/automations/invoke', { automation: { steps } })).body.runId;

test('GET /automations lists the template fixtures through the SDK, paged by cursor', async () => {
  const templates = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`tpl-${String(i).padStart(2, '0')}`, TEMPLATE]));
  await reset({ templates });
  const first = await sdk.automations.list();
  assert.equal(first.templates.length, 20);
  assert.deepEqual(first.templates[0], { id: 'tpl-00', name: 'tpl-00', version: 'published' });
  assert.equal(typeof first.cursor, 'string');
  const second = await sdk.automations.list({ cursor: first.cursor });
  assert.deepEqual(second.templates.map((t) => t.id), ['tpl-20', 'tpl-21', 'tpl-22', 'tpl-23', 'tpl-24']);
  assert.equal(second.cursor, undefined, 'no cursor on the last page');
  assert.deepEqual((await sdk.automations.list({ version: 'draft' })).templates, [], 'fixtures are published templates');
  await assert.rejects(sdk.automations.list({ version: /** @type {any} */ ('latest') }),
    (err) => err instanceof Courier.BadRequestError && /version must be "published" or "draft"/.test(err.message));
  await assert.rejects(sdk.automations.list({ cursor: 'nonsense' }), Courier.BadRequestError);
});

test('GET /automations/runs: the SDK shape, newest first, statuses as the runs move', async () => {
  await reset({ templates: { welcome: TEMPLATE } });
  const adHocRun = await adHoc([send('user-b')]);
  await advance('1 minute');
  const templateRun = (await post('/automations/welcome/invoke', {})).body.runId;
  const { status, body } = await get('/automations/runs');
  assert.equal(status, 200);
  assert.deepEqual(body, {
    runs: [
      { run_id: templateRun, source: ['invoke/welcome'], created_at: '2024-04-08T08:01:00.000Z', status: 'WAITING', template_id: 'welcome' },
      { run_id: adHocRun, source: ['invoke/ad-hoc'], created_at: '2024-04-08T08:00:00.000Z', status: 'PROCESSED' },
    ],
  });
  await advance('2 hours');
  const later = await get('/automations/runs?status=PROCESSED');
  assert.deepEqual(later.body.runs.map((r) => r.run_id), [templateRun, adHocRun]);
});

test('GET /automations/runs filters by status, template_id and date range, and pages by cursor', async () => {
  await reset({ templates: { welcome: TEMPLATE, other: TEMPLATE } });
  const ids = [];
  for (let i = 0; i < 7; i++) {
    ids.push((await post(`/automations/${i % 2 ? 'other' : 'welcome'}/invoke`, {})).body.runId);
    await advance('1 day');
  }
  // A send-list to a list with no fixture ends in ERROR.
  const errored = await adHoc([{ action: 'send-list', list: 'no-such-list', template: 'TPL' }]);
  const newestFirst = [...ids].reverse();

  const byTemplate = await get('/automations/runs?template_id=other');
  assert.deepEqual(byTemplate.body.runs.map((r) => r.run_id), [ids[5], ids[3], ids[1]]);
  const both = await get('/automations/runs?template_id=welcome,other&status=PROCESSED');
  assert.equal(both.body.runs.length, 7);
  const errors = await get('/automations/runs?status=ERROR,CANCELED');
  assert.deepEqual(errors.body.runs, [{ run_id: errored, source: ['invoke/ad-hoc'], created_at: '2024-04-15T08:00:00.000Z', status: 'ERROR' }]);

  // 2024-04-09 .. 2024-04-10: a date alone as end_date takes in its whole day.
  const range = await get('/automations/runs?start_date=2024-04-09&end_date=2024-04-10');
  assert.deepEqual(range.body.runs.map((r) => r.run_id), [ids[2], ids[1]]);
  const stamp = await get('/automations/runs?start_date=2024-04-14T08:00:00.000Z');
  assert.equal(stamp.body.runs.length, 2, 'the last template run and the ad hoc one');

  // Paging: limit 3 over 8 runs, following next_cursor to the end.
  const seen = [];
  let cursor;
  let pages = 0;
  do {
    const page = await get(`/automations/runs?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(page.status, 200);
    assert.ok(page.body.runs.length <= 3);
    seen.push(...page.body.runs.map((r) => r.run_id));
    cursor = page.body.next_cursor;
    pages++;
  } while (cursor);
  assert.equal(pages, 3);
  assert.deepEqual(seen, [errored, ...newestFirst]);

  // limit is clamped to 1..50 and a non-numeric one is 20, as the SDK documents.
  assert.equal((await get('/automations/runs?limit=0')).body.runs.length, 1);
  assert.equal((await get('/automations/runs?limit=abc')).body.runs.length, 8);
  assert.equal((await get('/automations/runs?limit=500')).body.runs.length, 8);
});

test('GET /automations/runs/{id}/steps: the steps a run has reached, with message_id on sends', async () => {
  await reset();
  const runId = await adHoc(TEMPLATE.steps);
  const waiting = await get(`/automations/runs/${runId}/steps`);
  assert.equal(waiting.status, 200);
  assert.deepEqual(waiting.body.steps, [
    { step_id: `${runId}-s0`, action: 'send', status: 'PROCESSED', created_at: '2024-04-08T08:00:00.000Z', updated_at: '2024-04-08T08:00:00.000Z', message_id: `${runId}-m0` },
    { step_id: `${runId}-s1`, action: 'delay', status: 'WAITING', created_at: '2024-04-08T08:00:00.000Z', updated_at: '2024-04-08T08:00:00.000Z' },
  ]);
  await advance('1 hour');
  const done = await get(`/automations/runs/${encodeURIComponent(runId)}/steps`);
  assert.deepEqual(done.body.steps.map((s) => [s.action, s.status, s.updated_at, s.message_id]), [
    ['send', 'PROCESSED', '2024-04-08T08:00:00.000Z', `${runId}-m0`],
    ['delay', 'PROCESSED', '2024-04-08T09:00:00.000Z', undefined],
    ['send', 'PROCESSED', '2024-04-08T09:00:00.000Z', `${runId}-m2`],
  ]);
});

test('a step skipped by its `if` is listed as SKIPPED', async () => {
  await reset();
  const runId = await adHoc([{ ...send('user-a'), if: 'false' }, send('user-b')]);
  const { body } = await get(`/automations/runs/${runId}/steps`);
  assert.deepEqual(body.steps.map((s) => [s.step_id, s.status, s.updated_at, s.message_id]), [
    [`${runId}-s0`, 'SKIPPED', '2024-04-08T08:00:00.000Z', undefined],
    [`${runId}-s1`, 'PROCESSED', '2024-04-08T08:00:00.000Z', `${runId}-m1`],
  ]);
});

test('the read endpoints answer 401 without a Bearer key, as the invoke endpoints do', async () => {
  await reset();
  const runId = await adHoc([send('user-a')]);
  for (const path of ['/automations', '/automations/runs', `/automations/runs/${runId}/steps`]) {
    for (const headers of [{}, { Authorization: 'Bearer ' }, { Authorization: 'Token abc' }]) {
      const res = await get(path, headers);
      assert.equal(res.status, 401, `${path} ${JSON.stringify(headers)}`);
      assert.equal(res.body.type, 'authorization_error');
    }
  }
  const bad = new Courier({ apiKey: 'wrong', baseURL: emu.url, maxRetries: 0 });
  const strict = await startEmulator({ port: 0, now: NOW, apiKey: 'right' });
  try {
    await assert.rejects(new Courier({ apiKey: 'wrong', baseURL: strict.url, maxRetries: 0 }).automations.list(), Courier.AuthenticationError);
  } finally {
    await strict.close();
  }
  assert.ok(Array.isArray((await bad.automations.list()).templates), 'any non-empty key by default');
});

test('404 for an unknown run, 400 with a clear message for bad query parameters, 405 for other methods', async () => {
  await reset();
  const unknown = await get('/automations/runs/1-00000000-000000000000000000000000/steps');
  assert.equal(unknown.status, 404);
  assert.match(unknown.body.message, /Automation run 1-0{8}-0{24} not found/);
  const cases = [
    ['/automations/runs?start_date=yesterday', /start_date must be an ISO 8601 date or timestamp.*"yesterday"/],
    ['/automations/runs?end_date=20240408T080910', /end_date must be an ISO 8601 date or timestamp/],
    ['/automations/runs?cursor=abc', /cursor "abc" is not a cursor of this list/],
    ['/automations/runs?statuses=ERROR', /Unknown query parameter "statuses" \(expected .*status/],
    ['/automations?limit=5', /Unknown query parameter "limit"/],
  ];
  for (const [path, message] of cases) {
    const res = await get(path);
    assert.equal(res.status, 400, path);
    assert.equal(res.body.type, 'invalid_request_error');
    assert.match(res.body.message, message);
  }
  // A template list's cursor is not a run list's cursor.
  await reset({ templates: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`t${String(i).padStart(2, '0')}`, TEMPLATE])) });
  const { cursor } = (await get('/automations')).body;
  assert.equal((await get(`/automations/runs?cursor=${cursor}`)).status, 400);
  const post405 = await post('/automations/runs', {});
  assert.equal(post405.status, 405);
});

test('a path segment that does not percent-decode is 404, never a 500 (control API and reads alike)', async () => {
  for (const path of ['/__emulator/runs/%', '/__emulator/runs/%E0%A4%A', '/automations/runs/%/steps']) {
    const { status, body } = await get(path);
    assert.equal(status, 404, `${path}: ${JSON.stringify(body)}`);
    assert.match(body.message, /malformed run id/);
  }
  const { status } = await post('/automations/%/invoke', { recipient: 'u' });
  assert.equal(status, 404);
});
