/**
 * Only this machine drives the emulator (issue 14 item 10). Requests are crafted with node:http,
 * so Host, Origin and Content-Type are exactly what a hostile page or a DNS-rebinding attack
 * would send: a Host that does not name the emulator (loopback name or the address it was
 * reached at, and its port) is 403; a control write that is not application/json is 415 (a
 * cross-site "simple" request without preflight); a control write from a foreign Origin is 403;
 * CORS headers go to loopback origins only.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { startEmulator } from '../../js/emulator/index.js';

const NOW = '2024-04-08T08:00:00Z';
const BODY = '{"recipient":"u","automation":{"steps":[{"action":"delay","duration":"1 hour"},{"action":"send","template":"T"}]}}';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emu;
before(async () => {
  emu = await startEmulator({ port: 0, now: NOW });
});
after(() => emu.close());

/**
 * One raw request to the emulator's socket with exactly these headers.
 * @param {string} method @param {string} path @param {Record<string, string>} headers @param {string} [body]
 * @returns {Promise<{ status: number, headers: import('node:http').IncomingHttpHeaders, body: any }>}
 */
function raw(method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: emu.port, method, path, headers, setHost: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d) => { text += d; }).on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : null });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const host = () => `127.0.0.1:${emu.port}`;
const runs = async () => (await raw('GET', '/__emulator', { Host: host() })).body.runs;

/** One run waiting, so a reset that got through would show. */
async function oneRun() {
  await raw('POST', '/__emulator/reset', { Host: host(), 'Content-Type': 'application/json' }, '{}');
  const res = await raw('POST', '/automations/invoke', { Host: host(), Authorization: 'Bearer k', 'Content-Type': 'application/json' }, BODY);
  assert.equal(res.status, 200);
  assert.equal(await runs(), 1);
}

test('Host must name this emulator: loopback names and its port pass, a rebinding domain or another port is 403', async () => {
  for (const name of [`127.0.0.1:${emu.port}`, `localhost:${emu.port}`, `LOCALHOST:${emu.port}`, `127.0.0.2:${emu.port}`, `[::1]:${emu.port}`]) {
    const res = await raw('GET', '/__emulator', { Host: name });
    assert.equal(res.status, 200, `Host: ${name}`);
  }
  await oneRun();
  for (const name of [`evil.example:${emu.port}`, `attacker.localhost.evil.example:${emu.port}`, 'evil.example', `127.0.0.1:${emu.port + 1}`, '127.0.0.1', '']) {
    for (const [method, path, headers, body] of [
      ['GET', '/__emulator/trace', {}],
      ['GET', '/automations/runs', { Authorization: 'Bearer k' }],
      ['POST', '/automations/invoke', { Authorization: 'Bearer k', 'Content-Type': 'application/json' }, BODY],
      ['POST', '/__emulator/reset', { 'Content-Type': 'application/json' }, '{}'],
    ]) {
      const res = await raw(method, path, { ...headers, Host: name }, body);
      assert.equal(res.status, 403, `Host: ${JSON.stringify(name)} ${method} ${path}`);
      assert.match(res.body.message, /is not this emulator/);
      assert.equal(res.headers['access-control-allow-origin'], undefined);
    }
  }
  assert.equal(await runs(), 1, 'nothing was reset or invoked');
});

test('control writes need Content-Type: application/json (415 otherwise): a text/plain reset does nothing', async () => {
  await oneRun();
  for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
    const headers = { Host: host(), ...(type ? { 'Content-Type': type } : {}) };
    for (const [method, path, body] of [['POST', '/__emulator/reset', '{}'], ['POST', '/__emulator/clock', '{"advance":"1 hour"}'], ['PUT', '/__emulator/fixtures', '{}'], ['POST', '/__emulator/fixtures', '{}']]) {
      const res = await raw(method, path, headers, body);
      assert.equal(res.status, 415, `${method} ${path} with ${type}`);
      assert.match(res.body.message, /Content-Type: application\/json/);
    }
  }
  assert.equal(await runs(), 1, 'the run is still there');
  assert.equal((await raw('GET', '/__emulator/clock', { Host: host() })).body.now, '2024-04-08T08:00:00.000Z', 'the clock did not move');
  const ok = await raw('POST', '/__emulator/reset', { Host: host(), 'Content-Type': 'Application/JSON; charset=utf-8' }, '{}');
  assert.equal(ok.status, 200);
  assert.equal(await runs(), 0);
});

test('a control write from a foreign Origin is 403 even as JSON; a loopback page passes with CORS headers', async () => {
  await oneRun();
  for (const origin of ['https://evil.example', 'http://127.0.0.1.evil.example', 'null', 'http://localhost.evil.example:8080']) {
    const res = await raw('POST', '/__emulator/reset', { Host: host(), Origin: origin, 'Content-Type': 'application/json' }, '{}');
    assert.equal(res.status, 403, origin);
    assert.equal(res.headers['access-control-allow-origin'], undefined);
  }
  assert.equal(await runs(), 1);
  const page = await raw('POST', '/__emulator/clock', { Host: host(), Origin: 'http://127.0.0.1:8080', 'Content-Type': 'application/json' }, '{"advance":"1 minute"}');
  assert.equal(page.status, 200);
  assert.equal(page.headers['access-control-allow-origin'], 'http://127.0.0.1:8080');
});

test('CORS: a preflight from a loopback page is answered; from another origin it gets no CORS headers', async () => {
  const preflight = (origin) => raw('OPTIONS', '/__emulator/reset', {
    Host: host(), Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type',
  });
  const local = await preflight('http://localhost:8080');
  assert.equal(local.status, 204);
  assert.equal(local.headers['access-control-allow-origin'], 'http://localhost:8080');
  assert.match(String(local.headers['access-control-allow-methods']), /POST/);
  const foreign = await preflight('https://evil.example');
  assert.equal(foreign.headers['access-control-allow-origin'], undefined);
  assert.equal(foreign.headers['access-control-allow-methods'], undefined);
  // A GET from a foreign page is answered (it cannot read it) but carries no CORS header.
  const read = await raw('GET', '/__emulator', { Host: host(), Origin: 'https://evil.example' });
  assert.equal(read.headers['access-control-allow-origin'], undefined);
});
