/** The assertions every runtime test makes on a probe result (see probe.mjs). */
import assert from 'node:assert/strict';
import { seedText, installed } from './installed.js';

/** What ./dry-run re-exports of the main entry. */
const SHARED_EXPORTS = ['InitError', 'InstanceReplacedError', 'ValidationError', 'init', 'validate', 'version'];
export const MAIN_EXPORTS = [...SHARED_EXPORTS, 'invokeBodySchema', 'standardSchema'].sort();
export const DRY_RUN_EXPORTS = [...SHARED_EXPORTS, 'Simulator', 'dryRun', 'dryRunSync', 'normalize'].sort();

export function assertProbe(result, runtime) {
  const { main, dryRun, client } = result;
  assert.deepEqual(main.exports, MAIN_EXPORTS, `${runtime}: the main entry is validate-only`);
  assert.equal(main.version, installed().pkg.version, `${runtime}: version()`);
  assert.equal(main.validate.valid, true, `${runtime}: the seed example is valid`);
  assert.deepEqual(main.validate.errors, []);
  // Its basic-format `until` is worth two warnings, located like errors.
  assert.ok(main.validate.warnings.length > 0 && main.validate.warnings.every((w) => typeof w.code === 'string' && w.line > 0),
    `${runtime}: warnings ${JSON.stringify(main.validate.warnings)}`);
  for (const report of [main.invalid, main.invalidBytes]) {
    assert.equal(report.valid, false, `${runtime}: an ISO duration is refused`);
    const problem = report.errors.find((p) => p.path === '/automation/steps/0/duration');
    assert.ok(problem, `${runtime}: ${JSON.stringify(report)}`);
    assert.equal(typeof problem.code, 'string');
    assert.equal(typeof problem.message, 'string');
    assert.equal(problem.line, 1, `${runtime}: located`);
    assert.equal(typeof problem.column, 'number');
  }
  assert.deepEqual(main.invalidBytes, main.invalid, `${runtime}: text and bytes give one report`);

  assert.deepEqual(dryRun.exports, DRY_RUN_EXPORTS, `${runtime}: ./dry-run exports`);
  assert.equal(dryRun.sharesValidate, true, `${runtime}: ./dry-run re-exports the main entry's validate and errors`);
  assert.deepEqual(JSON.parse(dryRun.normalized), JSON.parse(seedText), `${runtime}: normalize keeps the meaning`);
  assert.ok(dryRun.normalized.startsWith('{"automation":{"cancelation_token":'), `${runtime}: canonical order`);
  assert.ok(dryRun.runs >= 1, `${runtime}: dryRun returns runs`);

  assert.ok(client.exports.includes('AutomationsClient'), `${runtime}: ./client has AutomationsClient`);
  assert.equal(client.sameError, true, `${runtime}: the client's ValidationError is the main entry's to instanceof`);
}
