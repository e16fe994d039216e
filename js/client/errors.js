/**
 * The client's errors, shaped like the official SDK's (`@trycourier/courier`) so code that
 * handles one handles the other: the same class names per status, the same message
 * ("<status> <body.message>"). Differences: `body` instead of `error`, `headers` is a plain
 * object, and every error raised after a request was attempted carries the `idempotencyKey`
 * it was sent with, so the caller can retry later without risking a second run.
 *
 * None of these ever holds the API key: the client redacts everything (js/client/redact.js)
 * before constructing them.
 */

/** Base class of every error the client raises (except ValidationError and TypeError). */
export class CourierClientError extends Error {
  /** @param {string} message @param {{ cause?: unknown }} [options] */
  constructor(message, options) {
    super(message, options);
    this.name = 'CourierClientError';
  }

  /** What JSON.stringify shows: Error's own fields are not enumerable, so spell them out. */
  toJSON() {
    /** @type {Record<string, unknown>} */
    const out = { name: this.name, message: this.message };
    for (const [k, v] of Object.entries(this)) if (k !== 'name' && v !== undefined) out[k] = v;
    const cause = /** @type {any} */ (this).cause;
    if (cause !== undefined) out.cause = cause instanceof Error ? { name: cause.name, message: cause.message } : cause;
    return out;
  }
}

/**
 * @typedef {object} APIErrorInit
 * @property {number} status
 * @property {unknown} [body] parsed JSON, else the text, else undefined (empty body)
 * @property {Record<string, string>} [headers] response headers, lowercase names
 * @property {string} [requestId]
 * @property {string} [idempotencyKey]
 * @property {string} [message] overrides the SDK-style message
 */

/** The server answered with a status that is not a success. */
export class APIError extends CourierClientError {
  /** @param {APIErrorInit} init */
  constructor({ status, body, headers = {}, requestId, idempotencyKey, message }) {
    super(message ?? APIError.makeMessage(status, body));
    this.name = 'APIError';
    /** @type {number} */
    this.status = status;
    /** @type {unknown} */
    this.body = body;
    /** @type {Record<string, string>} */
    this.headers = headers;
    /** @type {string | undefined} */
    this.requestId = requestId;
    /** @type {string | undefined} */
    this.idempotencyKey = idempotencyKey;
  }

  /**
   * The SDK's message: "<status> <body.message>", else "<status> <JSON body>", else
   * "<status> <text>", else "<status> status code (no body)".
   * @param {number} status @param {unknown} body
   */
  static makeMessage(status, body) {
    const b = /** @type {any} */ (body);
    const msg = b && typeof b === 'object' && b.message
      ? (typeof b.message === 'string' ? b.message : JSON.stringify(b.message))
      : typeof body === 'string' ? body
        : body !== undefined && body !== null ? JSON.stringify(body) : '';
    return msg ? `${status} ${msg}` : `${status} status code (no body)`;
  }

  /**
   * The subclass for the status (a plain APIError for any status without one).
   * @param {APIErrorInit} init
   * @returns {APIError}
   */
  static from(init) {
    const s = init.status;
    const Cls = s === 400 ? BadRequestError : s === 401 ? AuthenticationError : s === 403 ? PermissionDeniedError
      : s === 404 ? NotFoundError : s === 409 ? ConflictError : s === 422 ? UnprocessableEntityError
        : s === 429 ? RateLimitError : s >= 500 ? InternalServerError : APIError;
    return new Cls(init);
  }
}

export class BadRequestError extends APIError {
  /** @param {APIErrorInit} init */
  constructor(init) { super(init); this.name = 'BadRequestError'; }
}
export class AuthenticationError extends APIError {
  /** @param {APIErrorInit} init */
  constructor(init) { super(init); this.name = 'AuthenticationError'; }
}
export class PermissionDeniedError extends APIError {
  /** @param {APIErrorInit} init */
  constructor(init) { super(init); this.name = 'PermissionDeniedError'; }
}
export class NotFoundError extends APIError {
  /** @param {APIErrorInit} init */
  constructor(init) { super(init); this.name = 'NotFoundError'; }
}
export class ConflictError extends APIError {
  /** @param {APIErrorInit} init */
  constructor(init) { super(init); this.name = 'ConflictError'; }
}
export class UnprocessableEntityError extends APIError {
  /** @param {APIErrorInit} init */
  constructor(init) { super(init); this.name = 'UnprocessableEntityError'; }
}
export class RateLimitError extends APIError {
  /** @param {APIErrorInit} init */
  constructor(init) { super(init); this.name = 'RateLimitError'; }
}
export class InternalServerError extends APIError {
  /** @param {APIErrorInit} init */
  constructor(init) { super(init); this.name = 'InternalServerError'; }
}

/**
 * No usable response: the connection failed or broke (possibly after the server received
 * the request — retrying with `idempotencyKey` is then the only safe way to find out).
 */
export class ConnectionError extends CourierClientError {
  /** @param {{ message?: string, cause?: unknown, idempotencyKey?: string }} [init] */
  constructor({ message = 'Connection error.', cause, idempotencyKey } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ConnectionError';
    /** @type {string | undefined} */
    this.idempotencyKey = idempotencyKey;
  }
}

/** An attempt took longer than the client's `timeout` (after all retries). */
export class TimeoutError extends ConnectionError {
  /** @param {{ message?: string, cause?: unknown, idempotencyKey?: string }} [init] */
  constructor({ message = 'Request timed out.', ...rest } = {}) {
    super({ message, ...rest });
    this.name = 'TimeoutError';
  }
}

/** The caller's AbortSignal fired (during a request or while waiting to retry). */
export class AbortError extends CourierClientError {
  /** @param {{ message?: string, cause?: unknown, idempotencyKey?: string }} [init] */
  constructor({ message = 'Request was aborted.', cause, idempotencyKey } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'AbortError';
    /** @type {string | undefined} */
    this.idempotencyKey = idempotencyKey;
  }
}
