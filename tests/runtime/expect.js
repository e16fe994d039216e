/** The assertions every runtime test makes on a probe result (see probe.mjs). */
import assert from 'node:assert/strict';
import { seedText, installed } from './installed.js';

export function assertProbe(result, runtime) {
  assert.equal(result.version, installed().pkg.version, `${runtime}: version()`);
  assert.deepEqual(JSON.parse(result.normalized), JSON.parse(seedText), `${runtime}: normalize keeps the meaning`);
  assert.ok(result.normalized.startsWith('{"automation":{"cancelation_token":'), `${runtime}: canonical order`);
  if ('validate' in result) {
    assert.equal(result.validate.valid, true, `${runtime}: the seed example is valid`);
    assert.ok(Array.isArray(result.validate.errors) && Array.isArray(result.validate.warnings));
  }
  if ('dryRun' in result) {
    assert.ok(Array.isArray(result.dryRun.runs) && result.dryRun.runs.length >= 1, `${runtime}: dryRun returns runs`);
  }
}
