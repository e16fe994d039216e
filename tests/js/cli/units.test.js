// The pure helpers behind the CLI and the emulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addAmount, parseInstant } from '../../../js/emulator/clock.js';
import { colorEnabled } from '../../../js/cli/style.js';

test('parseInstant: extended and basic ISO 8601, offset-less read as UTC, epoch ms; junk refused', () => {
  assert.equal(parseInstant('2024-04-08T08:09:10.123Z'), Date.UTC(2024, 3, 8, 8, 9, 10, 123));
  assert.equal(parseInstant('20240408T080910.123'), Date.UTC(2024, 3, 8, 8, 9, 10, 123));
  assert.equal(parseInstant('2024-04-08T10:09:10+02:00'), Date.UTC(2024, 3, 8, 8, 9, 10));
  assert.equal(parseInstant('2024-04-08'), Date.UTC(2024, 3, 8));
  assert.equal(parseInstant(1712563750123), 1712563750123);
  for (const bad of ['yesterday', '2024-13-01T00:00:00Z', '', null, {}, Number.NaN]) assert.equal(parseInstant(bad), undefined, String(bad));
});

test('addAmount: fixed units, calendar months clamped to the month end, ms; junk refused', () => {
  const t = Date.UTC(2024, 0, 31, 12);
  assert.equal(addAmount(t, '90 minutes'), t + 90 * 60_000);
  assert.equal(addAmount(t, '1 day'), t + 86_400_000);
  assert.equal(addAmount(t, '2 weeks'), t + 14 * 86_400_000);
  assert.equal(new Date(addAmount(t, '1 month')).toISOString(), '2024-02-29T12:00:00.000Z');
  assert.equal(new Date(addAmount(t, '1 year')).toISOString(), '2025-01-31T12:00:00.000Z');
  assert.equal(addAmount(t, 5000), t + 5000);
  for (const bad of ['soon', '-1 day', 'PT5M', -5, '1.5 hours']) assert.equal(addAmount(t, bad), undefined, String(bad));
});

test('colours: a TTY without NO_COLOR; FORCE_COLOR forces; NO_COLOR wins', () => {
  assert.equal(colorEnabled({ isTTY: true }, {}), true);
  assert.equal(colorEnabled({ isTTY: false }, {}), false);
  assert.equal(colorEnabled({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1' }), true);
  assert.equal(colorEnabled({ isTTY: true }, { FORCE_COLOR: '0' }), false);
  assert.equal(colorEnabled({ isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' }), false);
  assert.equal(colorEnabled({ isTTY: true }, { TERM: 'dumb' }), false);
});
