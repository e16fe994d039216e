/**
 * The client's errors, shaped like the official SDK's (`@trycourier/courier`) so code that
 * handles one handles the other: the same hierarchy (connection, timeout and abort errors are
 * APIErrors without a status, as the SDK's are), the same class names per status plus the
 * SDK's names for the others as aliases, the same message ("<status> <body.message>"). Differences: `body` instead of `error`, `headers` is a plain
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
 * @property {number | undefined} status undefined when no response arrived (connection, timeout, abort)
 * @property {unknown} [body] parsed JSON, else the text, else undefined (empty body)
 * @property {Record<string, string>} [headers] response headers, lowercase names
 * @property {string} [requestId]
 * @property {string} [idempotencyKey]
 * @property {string} [message] overrides the SDK-style message
 * @property {unknown} [cause]
 */

/**
 * The server answered with a status that is not a success or, in the subclasses without a
 * status (ConnectionError, TimeoutError, AbortError), no usable answer arrived.
 */
export class APIError extends CourierClientError {
  /** @param {APIErrorInit} init */
  constructor({ status, body, headers = {}, requestId, idempotencyKey, message, cause }) {
    super(message ?? APIError.makeMessage(status, body), cause === undefined ? undefined : { cause });
    this.name = 'APIError';
    /** @type {number | undefined} */
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
   * @param {number | undefined} status @param {unknown} body
   */
  static makeMessage(status, body) {
    const b = /** @type {any} */ (body);
    const msg = b && typeof b === 'object' && b.message
      ? (typeof b.message === 'string' ? b.message : JSON.stringify(b.message))
      : typeof body === 'string' ? body
        : body !== undefined && body !== null ? JSON.stringify(body) : '';
    if (status === undefined) return msg || '(no status code or body)';
    return msg ? `${status} ${msg}` : `${status} status code (no body)`;
  }

  /**
   * The subclass for the status (a plain APIError for any status without one).
   * @param {APIErrorInit} init
   * @returns {APIError}
   */
  static from(init) {
    const s = init.status ?? 0;
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

/** @typedef {{ message?: string, cause?: unknown, idempotencyKey?: string }} NoResponseInit */

/**
 * No usable response: the connection failed or broke (possibly after the server received
 * the request — retrying with `idempotencyKey` is then the only safe way to find out).
 * An APIError without a status, as the SDK's APIConnectionError is.
 */
export class ConnectionError extends APIError {
  /** @param {NoResponseInit} [init] */
  constructor({ message = 'Connection error.', cause, idempotencyKey } = {}) {
    super({ status: undefined, message, cause, idempotencyKey });
    this.name = 'ConnectionError';
  }
}

/** An attempt took longer than the client's `timeout` (after all retries). */
export class TimeoutError extends ConnectionError {
  /** @param {NoResponseInit} [init] */
  constructor({ message = 'Request timed out.', ...rest } = {}) {
    super({ message, ...rest });
    this.name = 'TimeoutError';
  }
}

/**
 * The caller's AbortSignal fired (during a request or while waiting to retry). An APIError
 * without a status, as the SDK's APIUserAbortError is.
 */
export class AbortError extends APIError {
  /** @param {NoResponseInit} [init] */
  constructor({ message = 'Request was aborted.', cause, idempotencyKey } = {}) {
    super({ status: undefined, message, cause, idempotencyKey });
    this.name = 'AbortError';
  }
}

// The official SDK's names for the same classes, so code ported from it keeps working.
export {
  ConnectionError as APIConnectionError,
  TimeoutError as APIConnectionTimeoutError,
  AbortError as APIUserAbortError,
};
