// The playground's DOM-free helpers: JSON locations and the compressed time axis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineColumn, locate, mapJson, offsetOf } from '../../../web-demo/jsonmap.js';
import { formatDuration, gapWidth, layout } from '../../../web-demo/timeline.js';
import { parseArgs, resolvePath } from '../../../web-demo/server.mjs';

test('mapJson locates every value by JSON Pointer and prefers the key', () => {
  const text = '{\n  "a": [1, {"b~/c": "x"}],\n  "d": null\n}';
  const map = mapJson(text);
  assert.equal(map.error, null);
  const at = locate(map, '/a/1/b~0~1c');
  assert.deepEqual(lineColumn(text, at.start), { line: 2, column: 13 });
  assert.deepEqual(lineColumn(text, locate(map, '/d').start), { line: 3, column: 3 });
  // A pointer that does not exist falls back to its nearest ancestor.
  assert.deepEqual(lineColumn(text, locate(map, '/a/1/missing/deeper').start), { line: 2, column: 12 });
  assert.equal(offsetOf(text, 3, 3), text.indexOf('"d"'));
});

test('mapJson reports the first syntax error with its offset', () => {
  const text = '{\n  "a": 1,\n  "b": ,\n}';
  const { error } = mapJson(text);
  assert.ok(error);
  assert.deepEqual(lineColumn(text, error.offset), { line: 3, column: 8 });
  assert.ok(mapJson('{"a": 1} x').error);
  assert.ok(mapJson('{"a": "unterminated}').error);
  assert.equal(mapJson('  [true, false, null, -1.5e3, "\\u00e9"] ').error, null);
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
