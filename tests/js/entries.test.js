// What each entry exports, and how they fit together: the main entry is validate-only, the
// dry run shares its validator, and the wasm-free client takes it as its validator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import * as main from 'courier-automations-wasm';
import * as dryRunEntry from 'courier-automations-wasm/dry-run';
import { AutomationsClient, ValidationError as ClientValidationError } from 'courier-automations-wasm/client';

test('the main entry exports only init, validate (also as a Standard Schema), version and the errors', () => {
  assert.deepEqual(Object.keys(main).sort(), ['InitError', 'InstanceReplacedError', 'ValidationError', 'init', 'invokeBodySchema',
    'standardSchema', 'validate', 'version']);
});

test('./dry-run has normalize and the dry run, and the main entry\'s own validate, version and errors', async () => {
  assert.deepEqual(Object.keys(dryRunEntry).sort(), ['InitError', 'InstanceReplacedError', 'Simulator', 'ValidationError',
    'dryRun', 'dryRunSync', 'init', 'normalize', 'validate', 'version']);
  for (const name of ['validate', 'version', 'ValidationError', 'InitError', 'InstanceReplacedError']) {
    assert.equal(dryRunEntry[name], main[name], `${name} is the main entry's`);
  }
  // One validator: the dry run's init loads it, for both entries.
  await dryRunEntry.init();
  assert.equal(main.validate('{"automation":{"steps":[{"action":"send"}]}}', { level: 'schema' }).valid, true);
});

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

test('the client with the main entry\'s validate refuses an engine-level mistake locally, and sends nothing', async () => {
  await main.init();
  const server = await recordingServer();
  try {
    const client = new AutomationsClient({ apiKey: 'sk_test_main_entry', baseURL: server.url, validator: main.validate });
    await assert.rejects(client.invokeAdHoc(invalid), (err) => {
      assert.ok(err instanceof ClientValidationError);
      assert.ok(err instanceof main.ValidationError, 'one ValidationError across entries');
      const problem = err.report.errors.find((p) => p.path === '/automation/steps/0/duration');
      assert.ok(problem, JSON.stringify(err.report));
      assert.match(problem.hint, /5 minutes/);
      return true;
    });
    assert.equal(server.requests.length, 0);

    // Without a validator, the client's structural checks cannot see the ISO duration: it sends.
    const plain = new AutomationsClient({ apiKey: 'sk_test_main_entry', baseURL: server.url });
    await plain.invokeAdHoc(invalid);
    assert.equal(server.requests.length, 1);

    // A valid body goes through.
    const { runId } = await client.invokeAdHoc({ ...invalid, automation: { steps: [{ action: 'delay', duration: '5 minutes' }, { action: 'send', template: 'T' }] } });
    assert.match(runId, /^1-00000000-0+2$/);
    assert.equal(server.requests[1].url, '/automations/invoke');
  } finally {
    await server.close();
  }
});
