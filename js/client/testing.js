/**
 * Test-only hooks, deliberately not exported from js/client/index.js nor typed in index.d.ts:
 * pass `{ [TESTING]: { sleepScale, random, onRetry } }` to the constructor.
 * - sleepScale: multiplies every backoff sleep (0 = retry at once), so retry tests need not
 *   wait seconds; the computed delay is still reported to onRetry unscaled.
 * - random: jitter source, to make the backoff deterministic.
 * - onRetry({ retry, delayMs, error }): called before each backoff sleep.
 * A registered symbol: the tests import it from here, the client they drive is the bundle
 * (dist/client/index.js), which has its own copy of this file.
 */
export const TESTING = Symbol.for('courier-automations-wasm client testing hooks');
