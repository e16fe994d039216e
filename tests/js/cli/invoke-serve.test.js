import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startEmulator } from '../../../js/emulator/index.js';
import { assertOneLine, CLI, fixture, runCli, SEED, withFiles } from './helpers.js';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emu;
before(async () => {
  emu = await startEmulator({ port: 0, now: '2024-04-08T08:00:00Z', apiKey: 'test-key', fixtures: { templates: { 'welcome-flow': { automation: { steps: [{ action: 'send', template: 'W' }] } } } } });
});
after(() => emu.close());

test('invoke: validates, calls the endpoint with COURIER_API_KEY, prints the runId', async () => {
  const r = await runCli(['invoke', '--base-url', emu.url, SEED], { env: { COURIER_API_KEY: 'test-key' } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^1-[0-9a-f]{8}-[0-9a-f]{24}\n$/);
  assert.match(r.stderr, /^courier-automations: warning: \S*seed-example\.json:14:18 \/automation\/steps\/0\/until: /m, 'warnings go to stderr');
  const run = await (await fetch(`${emu.url}/__emulator/runs/${r.stdout.trim()}`)).json();
  assert.equal(run.runId, r.stdout.trim());
});

test('invoke --template posts to /automations/{id}/invoke; COURIER_BASE_URL works too', async () => {
  const r = await runCli(['invoke', '--template', 'welcome-flow', '-'], {
    input: JSON.stringify({ recipient: 'user-yes' }),
    env: { COURIER_API_KEY: 'test-key', COURIER_BASE_URL: emu.url },
  });
  assert.equal(r.code, 0, r.stderr);
  const { messages } = await (await fetch(`${emu.url}/__emulator/messages?runId=${r.stdout.trim()}`)).json();
  assert.equal(messages.length, 1);
  assert.equal(messages[0].recipient, 'user-yes');
});

test('invoke: an invalid body is refused locally (exit 1), nothing reaches the server', async () => {
  const before = (await (await fetch(`${emu.url}/__emulator`)).json()).runs;
  const r = await runCli(['invoke', '--base-url', emu.url, fixture('scenarios/invalid-body.json')], { env: { COURIER_API_KEY: 'test-key' } });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /\/automation\/steps\/0\/duration/);
  assert.equal((await (await fetch(`${emu.url}/__emulator`)).json()).runs, before);
});

test('invoke: the server refusing (401) is one line and exit 1; no key or no server is exit 2', async () => {
  let r = await runCli(['invoke', '--base-url', emu.url, SEED], { env: { COURIER_API_KEY: 'wrong-key' } });
  assert.equal(r.code, 1);
  assertOneLine(assert, r.stderr, '401');
  assert.doesNotMatch(r.stderr, /wrong-key/, 'the key is never printed');
  r = await runCli(['invoke', '--base-url', emu.url, SEED]);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, 'COURIER_API_KEY');
  r = await runCli(['invoke', '--base-url', 'http://127.0.0.1:9', SEED], { env: { COURIER_API_KEY: 'test-key' } });
  assert.equal(r.code, 2, r.stderr);
  assertOneLine(assert, r.stderr, 'http://127.0.0.1:9');
  r = await runCli(['invoke', '--base-url', 'ftp://x', SEED], { env: { COURIER_API_KEY: 'test-key' } });
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, '--base-url');
});

test('serve: listens (port 0), answers like Courier, stops cleanly on SIGTERM', async () => {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--now', '2024-04-08T08:00:00Z', '--fixtures', fixture('scenarios/templates.fixtures.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d) => { err += d; });
  const url = await new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`serve exited: ${err}`)));
  });
  try {
    const res = await fetch(`${url}/automations/welcome-flow/invoke`, {
      method: 'POST', headers: { Authorization: 'Bearer k', 'Content-Type': 'application/json' }, body: '{"recipient":"u"}',
    });
    assert.equal(res.status, 200);
    assert.equal((await (await fetch(`${url}/__emulator`)).json()).now, '2024-04-08T08:00:00.000Z');
  } finally {
    child.kill('SIGTERM');
  }
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c)));
  assert.equal(code, 0, err);
});

test('serve: a port in use is one line and exit 2', async () => {
  const r = await runCli(['serve', '--port', String(emu.port)]);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, 'already in use');
  const bad = await runCli(['serve', '--port', 'http']);
  assert.equal(bad.code, 2);
  assertOneLine(assert, bad.stderr, '--port');
});

test('serve: fixtures the rules refuse are one line and exit 1', async () => {
  await withFiles(async (write) => {
    const file = await write('fixtures.json', JSON.stringify({ templates: { broken: { automation: { steps: [] } } } }));
    const r = await runCli(['serve', '--port', '0', '--fixtures', file]);
    assert.equal(r.code, 1);
    assertOneLine(assert, r.stderr, file, '/templates/broken/automation/steps');
  });
});

test('invoke: a scenario or a fixtures file is not sent; the hint names dry-run or --fixtures (exit 1)', async () => {
  let r = await runCli(['invoke', '--base-url', 'http://127.0.0.1:9', fixture('scenarios/delay-then-cancel.json')], { env: { COURIER_API_KEY: 'test-key' } });
  assert.equal(r.code, 1);
  assertOneLine(assert, r.stderr, 'looks like a dry-run scenario', 'courier-automations dry-run');
  assert.equal(r.stdout, '');
  r = await runCli(['invoke', '--base-url', 'http://127.0.0.1:9', '--template', 'welcome-flow', fixture('scenarios/templates.fixtures.json')], { env: { COURIER_API_KEY: 'test-key' } });
  assert.equal(r.code, 1);
  assertOneLine(assert, r.stderr, 'looks like a fixtures file');
});
