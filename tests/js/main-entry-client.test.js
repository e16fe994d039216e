// The main entry's AutomationsClient validates with the wasm validator before sending.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { AutomationsClient, ValidationError, APIError } from 'courier-automations-wasm';
import { AutomationsClient as WasmFreeClient } from 'courier-automations-wasm/client';

async function recordingServer() {
  const requests = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ runId: `1-00000000-${String(requests.length).padStart(24, '0')}` }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { requests, url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

const invalid = {
  recipient: 'user-1',
  automation: { steps: [{ action: 'delay', duration: 'PT5M' }, { action: 'send', template: 'T' }] },
};

test('an engine-level mistake is refused locally with the full report, and nothing is sent', async () => {
  const server = await recordingServer();
  try {
    const client = new AutomationsClient({ apiKey: 'sk_test_main_entry', baseURL: server.url });
    await assert.rejects(client.invokeAdHoc(invalid), (err) => {
      assert.ok(err instanceof ValidationError);
      const problem = err.report.errors.find((p) => p.path === '/automation/steps/0/duration');
      assert.ok(problem, JSON.stringify(err.report));
      assert.match(problem.hint, /5 minutes/);
      return true;
    });
    assert.equal(server.requests.length, 0);

    // The wasm-free client's structural checks cannot see the ISO duration: it sends.
    const plain = new WasmFreeClient({ apiKey: 'sk_test_main_entry', baseURL: server.url });
    await plain.invokeAdHoc(invalid);
    assert.equal(server.requests.length, 1);
  } finally {
    await server.close();
  }
});

test('a valid body goes through, and the client errors are exported from the main entry', async () => {
  const server = await recordingServer();
  try {
    const client = new AutomationsClient({ apiKey: 'sk_test_main_entry', baseURL: server.url });
    const { runId } = await client.invokeAdHoc({ ...invalid, automation: { steps: [{ action: 'delay', duration: '5 minutes' }, { action: 'send', template: 'T' }] } });
    assert.match(runId, /^1-00000000-0+1$/);
    assert.equal(server.requests[0].url, '/automations/invoke');
    assert.equal(typeof APIError, 'function');
  } finally {
    await server.close();
  }
});
