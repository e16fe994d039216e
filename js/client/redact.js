/**
 * Keeping the API key out of everything the client hands back. Errors carry response data
 * (body, headers) and causes thrown by fetch implementations; any of them could echo the key
 * (a proxy that reflects request headers, a custom fetch whose error message prints its init).
 * Everything attached to an error goes through these functions first.
 */

export const REDACTED = '[REDACTED]';

/**
 * @param {string} text
 * @param {string} secret
 * @returns {string} text with every occurrence of secret replaced
 */
export function redactString(text, secret) {
  return secret ? text.split(secret).join(REDACTED) : text;
}

/**
 * A deep copy of a JSON-like value with the secret removed from every string and key.
 * @param {unknown} value
 * @param {string} secret
 * @param {number} [depth] guards against hostile nesting; deeper parts are dropped
 * @returns {unknown}
 */
export function redactDeep(value, secret, depth = 64) {
  if (typeof value === 'string') return redactString(value, secret);
  if (value === null || typeof value !== 'object') return value;
  if (depth <= 0) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secret, depth - 1));
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    // defineProperty: a plain assignment of a "__proto__" key (JSON.parse makes it an own
    // property) would set the copy's prototype instead of copying the field.
    Object.defineProperty(out, redactString(k, secret), { value: redactDeep(v, secret, depth - 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * A fresh Error standing in for a foreign one (thrown by fetch, or an abort reason): keeps
 * name, message, code and the cause chain, redacted. The original object is dropped because
 * it may hold anything (undici errors keep sockets, a custom fetch may keep its RequestInit).
 * @param {unknown} cause
 * @param {string} secret
 * @param {number} [depth]
 * @returns {Error | undefined}
 */
export function redactCause(cause, secret, depth = 4) {
  if (cause === undefined || cause === null) return undefined;
  if (typeof cause !== 'object') return new Error(redactString(String(cause), secret));
  const c = /** @type {{ name?: unknown, message?: unknown, code?: unknown, cause?: unknown }} */ (cause);
  const next = depth > 1 ? redactCause(c.cause, secret, depth - 1) : undefined;
  const copy = new Error(redactString(String(c.message ?? ''), secret), next ? { cause: next } : undefined);
  if (typeof c.name === 'string') copy.name = redactString(c.name, secret);
  if (typeof c.code === 'string' || typeof c.code === 'number') {
    /** @type {any} */ (copy).code = typeof c.code === 'string' ? redactString(c.code, secret) : c.code;
  }
  return copy;
}
