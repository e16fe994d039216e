/**
 * What the client needs to know about the runtime it is in, without importing anything that
 * only exists in one runtime.
 */
import { VERSION } from '../version.js';

/** A page (main thread). Workers, Node, Deno and edge runtimes have no `document`. */
export function isBrowser() {
  return typeof window !== 'undefined' && typeof document !== 'undefined';
}

/**
 * `process.env[name]` where a `process` exists (Node, Bun, Deno's Node compat); undefined
 * when unset or empty.
 * @param {string} name @returns {string | undefined}
 */
function readEnv(name) {
  // globalThis lookup: a bare `process` would be a ReferenceError in browsers and workers.
  const proc = /** @type {any} */ (globalThis).process;
  const value = proc && typeof proc.env === 'object' && proc.env ? proc.env[name] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `process.env.COURIER_API_KEY` where a `process` exists. */
export function envApiKey() {
  return readEnv('COURIER_API_KEY');
}

/** `process.env.COURIER_BASE_URL` where a `process` exists, trimmed (as the SDK reads it). */
export function envBaseURL() {
  return readEnv('COURIER_BASE_URL')?.trim() || undefined;
}

/**
 * Identification headers. Outside pages, a User-Agent; in a page nothing: browsers drop or
 * preflight a script-set User-Agent, and any custom header would have to be allowed by
 * Courier's CORS policy, which we cannot check. The browser sends its own User-Agent anyway.
 * @returns {Record<string, string>}
 */
export function identificationHeaders() {
  return isBrowser() ? {} : { 'User-Agent': `courier-automations-wasm/${VERSION} (client)` };
}

/**
 * A fresh random Idempotency-Key. randomUUID only exists in secure contexts in browsers
 * (https, localhost); getRandomValues exists everywhere, so it is the fallback.
 * @returns {string}
 */
export function newIdempotencyKey() {
  const c = /** @type {Crypto | undefined} */ (globalThis.crypto);
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  if (!c || typeof c.getRandomValues !== 'function') {
    throw new Error('No Web Crypto here (globalThis.crypto): pass options.idempotencyKey yourself');
  }
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
