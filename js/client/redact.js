/**
 * Keeping the API key out of everything the client hands back. Errors carry response data
 * (body, headers) and causes thrown by fetch implementations; any of them could echo the key
 * (a proxy that reflects request headers, a custom fetch whose error message prints its init).
 * Everything attached to an error goes through these functions first.
 *
 * The key is redacted as a token: in an Authorization value (`Bearer <key>`), where a whole
 * string is the key, and, once it is long enough to be a secret (8 characters), wherever it
 * appears, also JSON-escaped or percent-encoded. A toy key such as 'e' then never garbles a
 * server's message ("message" stays "message").
 *
 * None of these functions throws, whatever a foreign object does (getters that throw, a
 * toString that throws, Proxies): a value that cannot be read is replaced by a placeholder,
 * never passed on.
 */

export const REDACTED = '[REDACTED]';

/** Below this length the key is redacted only as a whole token, never inside other text. */
export const MIN_SUBSTRING_SECRET = 8;

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Characters that may continue a credential after its scheme's key (base64, base64url, JWT). */
const TOKEN_CHAR = '[A-Za-z0-9._~+/=-]';

/** @type {Map<string, (text: string) => string>} the last few secrets' redactors */
const redactors = new Map();

/** @param {string} secret @returns {(text: string) => string} */
function redactorFor(secret) {
  let redactor = redactors.get(secret);
  if (redactor) return redactor;
  // The forms the key takes when a server or a fetch echoes it: as sent, JSON-escaped, percent-encoded.
  const forms = [...new Set([secret, JSON.stringify(secret).slice(1, -1), safeEncode(secret)])]
    .filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
  const alternatives = forms.map(escapeRegExp).join('|');
  const scheme = new RegExp(`((?:Bearer|Basic|Token)\\s+)(?:${alternatives})(?!${TOKEN_CHAR})`, 'gi');
  const anywhere = secret.length >= MIN_SUBSTRING_SECRET ? new RegExp(alternatives, 'g') : null;
  redactor = (text) => {
    if (forms.includes(text)) return REDACTED;
    const out = text.replace(scheme, `$1${REDACTED}`);
    return anywhere ? out.replace(anywhere, REDACTED) : out;
  };
  if (redactors.size > 8) redactors.clear();
  redactors.set(secret, redactor);
  return redactor;
}

/** @param {string} s */
function safeEncode(s) {
  try {
    return encodeURIComponent(s);
  } catch {
    return s;  // a lone surrogate: no percent-encoded form
  }
}

/**
 * @param {string} text
 * @param {string} secret
 * @returns {string} text without the secret (see the rules above)
 */
export function redactString(text, secret) {
  if (!secret || typeof text !== 'string') return text;
  return redactorFor(secret)(text);
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
  try {
    if (Array.isArray(value)) return value.map((v) => redactDeep(v, secret, depth - 1));
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      // defineProperty: a plain assignment of a "__proto__" key (JSON.parse makes it an own
      // property) would set the copy's prototype instead of copying the field.
      Object.defineProperty(out, redactString(k, secret), { value: redactDeep(v, secret, depth - 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  } catch {
    return REDACTED;  // a value that cannot be read (a Proxy, a throwing getter) is not passed on
  }
}

/**
 * `read()`, or undefined when reading throws (the thrown value is dropped: it may carry the key).
 * @template T @param {() => T} read @returns {T | undefined}
 */
function attempt(read) {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/**
 * A string for any value, redacted; never throws.
 * @param {unknown} value @param {string} secret @param {string} fallback when it cannot be turned into text
 */
function text(value, secret, fallback) {
  const s = typeof value === 'string' ? value : attempt(() => String(value));
  return typeof s === 'string' ? redactString(s, secret) : fallback;
}

/**
 * A fresh Error standing in for a foreign one (thrown by fetch, or an abort reason): keeps
 * name, message, code, the cause chain and an AggregateError's `errors`, each redacted. The
 * original object is dropped because it may hold anything (undici errors keep sockets, a
 * custom fetch may keep its RequestInit), and nothing of it is read but those fields: its
 * stack, toString and inspection are never copied.
 * @param {unknown} cause
 * @param {string} secret
 * @param {number} [depth]
 * @returns {Error | undefined}
 */
export function redactCause(cause, secret, depth = 4) {
  if (cause === undefined || cause === null) return undefined;
  if (typeof cause !== 'object' && typeof cause !== 'function') return new Error(text(cause, secret, '[unreadable value]'));
  const c = /** @type {any} */ (cause);
  const message = attempt(() => c.message);
  const copy = new Error(message === undefined || message === null ? '' : text(message, secret, '[unreadable message]'));
  const next = depth > 1 ? attempt(() => c.cause) : undefined;
  if (next !== undefined && next !== null) {
    const redacted = attempt(() => redactCause(next, secret, depth - 1));
    if (redacted) Object.defineProperty(copy, 'cause', { value: redacted, writable: true, configurable: true, enumerable: false });
  }
  const name = attempt(() => c.name);
  if (typeof name === 'string') copy.name = redactString(name, secret);
  const code = attempt(() => c.code);
  if (typeof code === 'string' || typeof code === 'number') {
    /** @type {any} */ (copy).code = typeof code === 'string' ? redactString(code, secret) : code;
  }
  const errors = depth > 1 ? attempt(() => (Array.isArray(c.errors) ? c.errors.slice(0, 8) : undefined)) : undefined;
  if (errors) /** @type {any} */ (copy).errors = errors.map((e) => attempt(() => redactCause(e, secret, depth - 1))).filter(Boolean);
  return copy;
}
