/**
 * Small HTTP helpers of the emulator: JSON responses and Courier-style error bodies, and
 * reading a request body under a size limit.
 */

/** Courier's error body: `{ message, type }`, plus whatever the emulator adds. */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {string} [type] Courier's error `type`
   * @param {Record<string, unknown>} [extra] more keys of the body (e.g. `report`)
   * @param {Record<string, string>} [headers]
   */
  constructor(status, message, type = 'invalid_request_error', extra = {}, headers = {}) {
    super(message);
    this.status = status;
    this.type = type;
    this.extra = extra;
    this.headers = headers;
  }

  body() {
    return { message: this.message, type: this.type, ...this.extra };
  }
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/**
 * The whole body as bytes, or an HttpError 413 when it is larger than `limit`. A body that is
 * too large is drained (not buffered) so the client can read the 413.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit bytes
 * @returns {Promise<Buffer>}
 */
export function readBody(req, limit) {
  const tooLarge = () => new HttpError(413, `Request body too large: the limit is ${limit} bytes`, 'invalid_request_error');
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => (over ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}
