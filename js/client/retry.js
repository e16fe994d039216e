/**
 * When to retry and how long to wait: the official SDK's rules, plus a clamp on what the
 * server asks for (the SDK sleeps for whatever Retry-After says, even hours).
 */

/** Longest wait a server can impose between two attempts, in ms. Longer requests are clamped. */
export const MAX_SERVER_WAIT_MS = 60_000;

/**
 * Whether a non-2xx response is worth another attempt. `x-should-retry: true|false` wins;
 * otherwise 408 (request timeout), 409 (Courier: a concurrent request with the same
 * Idempotency-Key, nothing stored), 429 and >= 500, like the SDK.
 * @param {number} status
 * @param {{ get(name: string): string | null }} headers
 */
export function shouldRetry(status, headers) {
  const override = headers.get('x-should-retry');
  if (override === 'true') return true;
  if (override === 'false') return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * The wait the server asked for, in ms, before clamping: `retry-after-ms`, else
 * `retry-after` as seconds or as an HTTP date. Undefined when neither is usable.
 * @param {{ get(name: string): string | null } | undefined} headers
 * @param {number} now epoch ms
 * @returns {number | undefined}
 */
export function serverWaitMs(headers, now) {
  const ms = headers?.get('retry-after-ms')?.trim();
  if (ms && NUMBER.test(ms)) return Number(ms);
  const after = headers?.get('retry-after')?.trim();
  if (!after) return undefined;
  // Test the number form first: Date.parse('1') is a valid date (2001) in V8.
  if (NUMBER.test(after)) return Number(after) * 1000;
  const at = Date.parse(after);
  return Number.isNaN(at) ? undefined : at - now;
}

/**
 * How long to wait before retry number `retryIndex + 1`.
 * @param {object} args
 * @param {{ get(name: string): string | null }} [args.headers] the failed response's headers (none after a connection error)
 * @param {number} args.retryIndex 0 before the first retry, 1 before the second, ...
 * @param {() => number} [args.random] jitter source in [0, 1)
 * @param {number} [args.now] epoch ms
 * @returns {number} ms, in [0, MAX_SERVER_WAIT_MS] for server-sent waits, <= 8000 for backoff
 */
export function retryDelayMs({ headers, retryIndex, random = Math.random, now = Date.now() }) {
  const asked = serverWaitMs(headers, now);
  if (asked !== undefined) return Math.min(Math.max(asked, 0), MAX_SERVER_WAIT_MS);
  const seconds = Math.min(0.5 * 2 ** retryIndex, 8);
  return seconds * (1 - random() * 0.25) * 1000;
}
