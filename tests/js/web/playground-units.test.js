// The playground's DOM-free helpers: line:column to a string index, and the compressed time axis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offsetOf } from '../../../web-demo/editor.js';
import { formatDuration, gapWidth, layout } from '../../../web-demo/timeline.js';
import { parseArgs, resolvePath } from '../../../web-demo/server.mjs';
import { placeName, stepName, stepPath } from '../../../web-demo/numbering.js';

test('offsetOf turns the package\'s line:column (code points) into a string index, clamped to the line', () => {
  const text = '{\n  "a": [1, {"b~/c": "x"}],\n  "d": null\n}';
  assert.equal(offsetOf(text, 3, 3), text.indexOf('"d"'));
  assert.equal(offsetOf(text, 1, 1), 0);
  assert.equal(offsetOf(text, 1, 99), 1, 'past the end of line 1: its end');
  assert.equal(offsetOf(text, 9, 1), text.length);
  const wide = '{"é😀": 1, "b": 2}';
  assert.equal(offsetOf(wide, 1, 16), wide.indexOf('2'), 'the emoji is one column, two indices');
});

test('the axis keeps a one-second step and a one-day delay both visible', () => {
  const second = gapWidth(1000);
  const day = gapWidth(86_400_000);
  const year = gapWidth(365 * 86_400_000);
  assert.ok(second >= 24 && second < 40, String(second));
  assert.ok(day > second * 2 && day < 150, String(day));
  assert.ok(year < 200, String(year));
  assert.equal(gapWidth(0), 0);
  assert.equal(formatDuration(86_400_000), '1 d');
  assert.equal(formatDuration(90 * 60_000), '1 h 30 m');
  assert.equal(formatDuration(250), '250 ms');
});

test('layout gives instant steps at one instant their own slots, in order', () => {
  const t0 = '2024-04-08T08:00:00.000Z';
  const t1 = '2024-04-09T08:00:00.000Z';
  const { xIn, xOut, anchors } = layout({
    runs: [
      { runId: 'a', invokedAt: t0, status: 'PROCESSED', steps: [
        { action: 'send', status: 'PROCESSED', startedAt: t0, finishedAt: t0 },
        { action: 'send', status: 'PROCESSED', startedAt: t0, finishedAt: t0 },
        { action: 'delay', status: 'PROCESSED', startedAt: t0, finishedAt: t1 },
        { action: 'send', status: 'NOT PROCESSED', startedAt: null, finishedAt: null },
      ] },
    ],
    messages: [],
    endedAt: t1,
  });
  assert.equal(anchors.length, 2);
  const a = Date.parse(t0);
  const b = Date.parse(t1);
  assert.ok(xOut.get(a) - xIn.get(a) >= 2 * 60, 'two slots at t0');
  assert.ok(xIn.get(b) > xOut.get(a), 'the delay spans a gap');
});

test('the server only serves its mounts', () => {
  assert.match(resolvePath('/'), /web-demo[/\\]index\.html$/);
  assert.match(resolvePath('/pkg/dist/courier_automations.wasm'), /dist[/\\]courier_automations\.wasm$/);
  assert.equal(resolvePath('/pkg/js/../../package.json'), null);
  assert.equal(resolvePath('/%2e%2e/package.json'), null);
  assert.equal(resolvePath('/server.mjs'), null);
  assert.deepEqual(parseArgs(['--port', '0'], {}), { port: 0, host: '127.0.0.1' });
  assert.deepEqual(parseArgs(['--port=9000', '--host', '0.0.0.0'], {}), { port: 9000, host: '0.0.0.0' });
  assert.equal(parseArgs([], { PORT: '1234' }).port, 1234);
  assert.throws(() => parseArgs(['--port', 'x'], {}));
});

test('one numbering for humans: step 1 is /automation/steps/0', () => {
  assert.equal(stepName(0), 'Step 1');
  assert.equal(stepPath(0), '/automation/steps/0');
  assert.equal(placeName('/automation/steps/0/until'), 'step 1');
  assert.equal(placeName('/automation/steps/11'), 'step 12');
  assert.equal(placeName('/invocations/1/request/automation/steps/2/template'), 'invocation 2 · step 3');
  assert.equal(placeName('/invocations/0/at'), 'invocation 1');
  assert.equal(placeName('/automation/steps'), null, 'the list itself is no step');
  assert.equal(placeName('/recipient'), null);
  assert.equal(placeName(''), null);
});
