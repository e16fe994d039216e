// The reads (issue 15 item 3): listTemplates, listRuns, listRunSteps, as the newest SDK's
// automations.list, automations.runs.list and automations.runs.listSteps. Against the package's
// emulator for the shapes and filters, and a real recording server for the wire (method,
// headers, query), pagination edge cases, retries, timeouts, aborts and bad bodies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AutomationsClient, ListPromise, ResponsePromise, APIError, AbortError, CourierClientError,
  NotFoundError, TimeoutError, InternalServerError,
} from 'courier-automations-wasm/client';
import { startEmulator } from 'courier-automations-wasm/emulator';
import { TESTING } from '../../../js/client/testing.js';
import { startServer, reply, hang, sequence, courierError, installRejectionTripwire, TEST_KEY } from './recording-server.js';

installRejectionTripwire();
const fast = { [TESTING]: { sleepScale: 0 } };
const NOW = '2024-04-08T08:00:00Z';
const send = (recipient) => ({ action: 'send', recipient, template: 'TPL' });
const TEMPLATE = { steps: [send('user-a'), { action: 'delay', duration: '1 hour' }, send('user-a')] };

/** Moves the emulator's virtual clock. */
const advance = async (emu, by) => {
  const res = await fetch(`${emu.url}/__emulator/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance: by }) });
  assert.equal(res.status, 200, await res.text());
};
/** @param {AsyncIterable<any>} it */
const collect = async (it) => { const out = []; for await (const x of it) out.push(x); return out; };

test('listTemplates against the emulator: first page on await, every template on for await', async (t) => {
  const templates = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`tpl-${String(i).padStart(2, '0')}`, TEMPLATE]));
  const emu = await startEmulator({ port: 0, now: NOW, fixtures: { templates } });
  t.after(() => emu.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: emu.url });

  const list = client.listTemplates();
  assert.ok(list instanceof ListPromise && list instanceof ResponsePromise && list instanceof Promise);
  const first = await list;
  assert.equal(first.templates.length, 20);
  assert.deepEqual(first.templates[0], { id: 'tpl-00', name: 'tpl-00', version: 'published' });
  assert.equal(typeof first.cursor, 'string');
  const all = await collect(list);
  assert.deepEqual(all.map((x) => x.id), Object.keys(templates));
  const pages = await collect(client.listTemplates().pages());
  assert.deepEqual(pages.map((p) => p.templates.length), [20, 5]);
  assert.equal(pages[1].cursor, undefined);
  const second = await client.listTemplates({ cursor: first.cursor });
  assert.deepEqual(second.templates.map((x) => x.id), ['tpl-20', 'tpl-21', 'tpl-22', 'tpl-23', 'tpl-24']);
  assert.deepEqual(await collect(client.listTemplates({ version: 'draft' })), [], 'the emulator has no drafts');
  await assert.rejects(client.listTemplates({ cursor: 'nonsense' }), (err) => err instanceof APIError && err.status === 400);
});

test('listRuns against the emulator: newest first, the SDK\'s filters, every page followed', async (t) => {
  const emu = await startEmulator({ port: 0, now: NOW, fixtures: { templates: { welcome: TEMPLATE, other: TEMPLATE } } });
  t.after(() => emu.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: emu.url });
  const ids = [];
  for (let i = 0; i < 7; i++) {
    ids.push((await client.invokeByTemplate(i % 2 ? 'other' : 'welcome', {})).runId);
    await advance(emu, '1 day');
  }
  const adHoc = (await client.invokeAdHoc({ automation: { steps: [send('user-b')] } })).runId;
  const newestFirst = [adHoc, ...[...ids].reverse()];

  const first = await client.listRuns();
  assert.deepEqual(first.runs.map((r) => r.run_id), newestFirst, 'one page of 20 holds them all');
  assert.equal(first.next_cursor, undefined);
  assert.deepEqual(first.runs[0], { run_id: adHoc, source: ['invoke/ad-hoc'], created_at: '2024-04-15T08:00:00.000Z', status: 'PROCESSED' });
  assert.deepEqual(first.runs.at(-1), {
    run_id: ids[0], source: ['invoke/welcome'], created_at: '2024-04-08T08:00:00.000Z', status: 'PROCESSED', template_id: 'welcome',
  });

  const paged = client.listRuns({ limit: 3 });
  const firstPage = await paged;
  assert.equal(firstPage.runs.length, 3);
  assert.equal(typeof firstPage.next_cursor, 'string');
  assert.deepEqual((await collect(paged)).map((r) => r.run_id), newestFirst, 'the walk follows next_cursor to the end');
  assert.deepEqual((await collect(paged.pages())).map((p) => p.runs.length), [3, 3, 2]);
  // A walk can start at a cursor.
  assert.deepEqual((await collect(client.listRuns({ limit: 3, cursor: firstPage.next_cursor }))).map((r) => r.run_id), newestFirst.slice(3));

  const welcome = await collect(client.listRuns({ template_id: 'welcome', limit: 1 }));
  assert.deepEqual(welcome.map((r) => r.run_id), [ids[6], ids[4], ids[2], ids[0]]);
  const both = await collect(client.listRuns({ template_id: ['welcome', 'other'] }));
  assert.equal(both.length, 7, 'an array is sent comma-separated');
  const ranged = await collect(client.listRuns({ start_date: new Date('2024-04-10T00:00:00Z'), end_date: '2024-04-12' }));
  assert.deepEqual(ranged.map((r) => r.run_id), [ids[4], ids[3], ids[2]]);
  assert.deepEqual(await collect(client.listRuns({ status: ['ERROR', 'CANCELED'] })), []);
  await assert.rejects(client.listRuns({ start_date: 'yesterday' }), (err) => err instanceof APIError && err.status === 400 && /start_date/.test(err.message));
});

test('listRunSteps against the emulator: the steps a run reached; 404 for an unknown run', async (t) => {
  const emu = await startEmulator({ port: 0, now: NOW, fixtures: { templates: { welcome: TEMPLATE } } });
  t.after(() => emu.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: emu.url });
  const { runId } = await client.invokeByTemplate('welcome', {});
  const call = client.listRunSteps(runId);
  assert.ok(call instanceof ResponsePromise && !(call instanceof ListPromise));
  const { steps } = await call;
  assert.deepEqual(steps.map((s) => [s.action, s.status]), [['send', 'PROCESSED'], ['delay', 'WAITING']]);
  assert.equal(steps[0].message_id, `${runId}-m0`);
  const { data, response } = await call.withResponse();
  assert.equal(data, await call, 'one request behind both views');
  assert.equal(response.status, 200);
  await advance(emu, '2 hours');
  assert.equal((await client.listRunSteps(runId)).steps.length, 3);
  await assert.rejects(client.listRunSteps('no-such-run'), (err) => err instanceof NotFoundError && err.idempotencyKey === undefined);
});

test('the wire: GET, no body, no Idempotency-Key, the query as the SDK sends it, per-call headers', async (t) => {
  const server = await startServer((req, res) => reply(res, 200, req.url.includes('/steps') ? { steps: [] } : req.url.includes('/automations/runs') ? { runs: [] } : { templates: [] }));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: `${server.url}/proxy/` });
  await client.listTemplates({ version: 'draft', cursor: 'a b/c' });
  await client.listRuns({ status: ['PROCESSED', 'ERROR'], template_id: 'welcome', start_date: new Date(Date.UTC(2024, 3, 8)), end_date: '2024-04-09', limit: 5 }, { headers: { 'X-Trace': 't-1', 'Idempotency-Key': 'as-given' } });
  await client.listRunSteps('run/1?x');
  await client.listRuns({}, {});
  const [a, b, c, d] = server.requests;
  for (const r of server.requests) {
    assert.equal(r.method, 'GET');
    assert.equal(r.text, '');
    assert.equal(r.headers.authorization, `Bearer ${TEST_KEY}`);
    assert.equal(r.headers.accept, 'application/json');
    assert.equal(r.headers['content-type'], undefined);
  }
  assert.equal(a.url, '/proxy/automations?version=draft&cursor=a+b%2Fc');
  assert.equal(a.headers['idempotency-key'], undefined, 'GETs are idempotent: no key');
  assert.equal(b.url, '/proxy/automations/runs?status=PROCESSED%2CERROR&template_id=welcome&start_date=2024-04-08T00%3A00%3A00.000Z&end_date=2024-04-09&limit=5');
  assert.equal(b.headers['x-trace'], 't-1');
  assert.equal(b.headers['idempotency-key'], 'as-given', 'a header the caller gives is sent as given');
  assert.equal(c.url, '/proxy/automations/runs/run%2F1%3Fx/steps');
  assert.equal(d.url, '/proxy/automations/runs');
});

test('pagination edge cases: empty pages, an empty cursor, a cursor repeated, a walk aborted between pages', async (t) => {
  const pages = {
    '': { runs: [{ run_id: 'r1', source: [] }], next_cursor: 'c1' },
    c1: { runs: [], next_cursor: 'c2' }, // an empty page that is not the last
    c2: { runs: [{ run_id: 'r2', source: [] }], next_cursor: '' }, // '' ends the walk as absence does
    loop: { runs: [{ run_id: 'x', source: [] }], next_cursor: 'loop' },
  };
  const server = await startServer((req, res) => {
    const cursor = new URL(req.url, 'http://h').searchParams.get('cursor') ?? '';
    reply(res, 200, pages[cursor]);
  });
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });

  const walk = client.listRuns({ status: 'PROCESSED' });
  assert.deepEqual((await collect(walk)).map((r) => r.run_id), ['r1', 'r2']);
  assert.deepEqual(server.requests.map((r) => r.url), ['/automations/runs?status=PROCESSED', '/automations/runs?status=PROCESSED&cursor=c1', '/automations/runs?status=PROCESSED&cursor=c2']);
  assert.deepEqual((await collect(walk)).map((r) => r.run_id), ['r1', 'r2'], 'a second walk');
  assert.equal(server.requests.length, 5, 'the second walk re-used the first page');

  // Stopping early fetches nothing more.
  server.requests.length = 0;
  for await (const run of client.listRuns()) { assert.equal(run.run_id, 'r1'); break; }
  assert.equal(server.requests.length, 1);

  // A server that hands back the cursor it was given would loop forever: the walk stops.
  const seen = [];
  await assert.rejects(async () => { for await (const run of client.listRuns({ cursor: 'loop' })) seen.push(run.run_id); },
    (err) => err instanceof CourierClientError && !(err instanceof APIError) && /"loop" a second time/.test(err.message));
  assert.deepEqual(seen, ['x', 'x'], 'the repeated page is yielded once more, then the walk stops');

  // The signal given to the call covers the later pages too.
  server.requests.length = 0;
  const controller = new AbortController();
  const got = [];
  await assert.rejects(async () => {
    for await (const run of client.listRuns({}, { signal: controller.signal })) { got.push(run.run_id); controller.abort(); }
  }, (err) => err instanceof AbortError && err.idempotencyKey === undefined);
  assert.deepEqual(got, ['r1']);
  assert.equal(server.requests.length, 1, 'no request after the abort');
});

test('retries, per-call maxRetries and timeout, and bodies of another shape', async (t) => {
  const server = await startServer(sequence([
    (_q, res) => reply(res, 503, courierError('busy')), (_q, res) => reply(res, 200, { runs: [] }, { 'x-request-id': 'req-7' }),
    (_q, res) => reply(res, 200, { templates: 'nope' }),
    (_q, res) => reply(res, 200, { data: [] }),
    (_q, res) => reply(res, 500, courierError('down')),
  ]));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url, maxRetries: 0, ...fast });
  const { data, requestId } = await client.listRuns({}, { maxRetries: 1 }).withResponse();
  assert.deepEqual(data, { runs: [] });
  assert.equal(requestId, 'req-7');
  assert.equal(server.requests.length, 2, 'a 503 on a GET is retried');
  await assert.rejects(client.listTemplates(), (err) => err instanceof APIError && err.status === 200 && /no templates array/.test(err.message));
  await assert.rejects(client.listRunSteps('r'), (err) => err instanceof APIError && /no steps array/.test(err.message));
  assert.equal(server.requests.length, 4, 'a 200 of another shape is not retried');
  await assert.rejects(client.listRuns(), InternalServerError);

  const hanging = await startServer(hang);
  t.after(() => hanging.close());
  const slow = new AutomationsClient({ apiKey: TEST_KEY, baseURL: hanging.url, timeout: 600_000, maxRetries: 3, ...fast });
  await assert.rejects(slow.listRunSteps('r', { timeout: 30, maxRetries: 0 }), (err) => err instanceof TimeoutError && /within 30 ms/.test(err.message));
  assert.equal(hanging.requests.length, 1);
  const aborted = new AbortController();
  aborted.abort();
  await assert.rejects(slow.listTemplates({}, { signal: aborted.signal }), AbortError);
  assert.equal(hanging.requests.length, 1, 'an aborted signal sends nothing');
});

test('bad params and options are TypeErrors naming the nearest valid name; nothing is sent; no key in errors', async (t) => {
  const server = await startServer((_q, res) => reply(res, 401, { message: `bad key ${TEST_KEY}` }));
  t.after(() => server.close());
  const client = new AutomationsClient({ apiKey: TEST_KEY, baseURL: server.url });
  const refused = [
    [() => client.listRuns(/** @type {any} */ ({ statuses: 'ERROR' })), /^listRuns: unknown parameter "statuses"; did you mean "status"\?/],
    [() => client.listRuns(/** @type {any} */ ({ templateId: 'x' })), /did you mean "template_id"/],
    [() => client.listTemplates(/** @type {any} */ ({ verison: 'draft' })), /^listTemplates: unknown parameter "verison"; did you mean "version"/],
    [() => client.listTemplates(/** @type {any} */ ({ version: 'latest' })), /version must be "published" or "draft"/],
    [() => client.listRuns({ limit: 0 }), /limit must be an integer from 1 to 50/],
    [() => client.listRuns({ limit: 51 }), /limit/],
    [() => client.listRuns({ status: 'A', template_id: [] }), /template_id/],
    [() => client.listRuns({ status: ['A,B'] }), /status/],
    [() => client.listRuns({ start_date: new Date('nope') }), /start_date is an invalid Date/],
    [() => client.listRuns({ cursor: '' }), /cursor must be a non-empty string/],
    [() => client.listRuns(/** @type {any} */ ('status=ERROR')), /params must be an object/],
    [() => client.listRuns({}, /** @type {any} */ ({ idempotencyKey: 'k' })), /^listRuns: unknown option "idempotencyKey"/],
    [() => client.listRunSteps('r', /** @type {any} */ ({ timout: 5 })), /^listRunSteps: unknown option "timout"; did you mean "timeout"/],
    [() => client.listRunSteps('r', { headers: { Authorization: 'Bearer x' } }), /apiKey/],
    [() => client.listRunSteps('..'), /runId must be a non-empty string/],
    [() => client.listRunSteps(/** @type {any} */ (42)), /runId/],
  ];
  for (const [call, message] of refused) {
    await assert.rejects(call(), (err) => err instanceof TypeError && message.test(err.message), String(call));
  }
  assert.equal(server.requests.length, 0);
  await assert.rejects(client.listRuns(), (err) => {
    assert.equal(err.status, 401);
    assert.ok(!JSON.stringify(err).includes(TEST_KEY) && !err.message.includes(TEST_KEY), 'the key is redacted');
    return true;
  });
});
