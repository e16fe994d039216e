// The official SDK (@trycourier/courier) as a real client of the emulator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import Courier from '@trycourier/courier';
import { startEmulator } from '../../../js/emulator/index.js';
import { fixture, SEED } from './helpers.js';

const seedExample = JSON.parse(await readFile(SEED, 'utf8'));
const templates = JSON.parse(await readFile(fixture('scenarios/templates.fixtures.json'), 'utf8'));

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emu;
/** @type {Courier} */
let client;
before(async () => {
  emu = await startEmulator({ port: 0, now: '2024-04-08T08:00:00Z', fixtures: templates });
  client = new Courier({ apiKey: 'test-key', baseURL: emu.url, maxRetries: 0 });
});
after(() => emu.close());

const control = async (path, body) => (await fetch(emu.url + path, body === undefined ? {} : {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
})).json();

test('SDK invokeAdHoc(seed example): the message appears once the clock passes 2024-04-08T08:09:10.123Z', async () => {
  const { runId } = await client.automations.invoke.invokeAdHoc(seedExample);
  assert.match(runId, /^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  assert.deepEqual((await control(`/__emulator/messages?runId=${runId}`)).messages, []);
  await control('/__emulator/clock', { to: '2024-04-08T08:09:11Z' });
  const run = await control(`/__emulator/runs/${runId}`);
  assert.equal(run.status, 'PROCESSED');
  const { messages } = await control(`/__emulator/messages?runId=${runId}`);
  assert.equal(messages.length, 1);
  assert.equal(messages[0].recipient, 'user-yes');
  assert.equal(messages[0].template, '64TP5HKPFTM8VTK1Y75SJDQX9JK0');
  assert.equal(messages[0].data.name, 'Foo');
  assert.equal(messages[0].at, '2024-04-08T08:09:10.123Z');
});

test('SDK invokeByTemplate with a template fixture', async () => {
  const { runId } = await client.automations.invoke.invokeByTemplate('welcome-flow', { recipient: 'user-yes', data: { name: 'Foo' } });
  assert.match(runId, /^1-/);
  await control('/__emulator/clock', { advance: '1 hour' });
  const { messages } = await control(`/__emulator/messages?runId=${runId}`);
  assert.equal(messages.length, 1);
  assert.equal(messages[0].recipient, 'user-yes');
  assert.equal(messages[0].template, '64TP5HKPFTM8VTK1Y75SJDQX9JK0');
  assert.equal(messages[0].data.name, 'Foo');
});

test('SDK errors map: 400 BadRequestError (an unknown template too, as Courier answers), 401 AuthenticationError', async () => {
  await assert.rejects(client.automations.invoke.invokeAdHoc({ automation: { steps: [{ action: 'delay', duration: 'PT5M' }] } }), (err) => {
    assert.ok(err instanceof Courier.BadRequestError);
    assert.equal(err.status, 400);
    assert.match(err.message, /^400 Invalid Steps Definition: /);
    return true;
  });
  const anonymous = new Courier({ apiKey: 'x', baseURL: emu.url, maxRetries: 0, defaultHeaders: { Authorization: null } });
  await assert.rejects(anonymous.automations.invoke.invokeAdHoc(seedExample), (err) => err instanceof Courier.AuthenticationError && err.status === 401);
  await assert.rejects(client.automations.invoke.invokeByTemplate('no-such-template', { recipient: 'u' }), (err) => {
    assert.ok(err instanceof Courier.BadRequestError);
    assert.equal(err.message, '400 Invalid TemplateId.');
    return true;
  });
});
