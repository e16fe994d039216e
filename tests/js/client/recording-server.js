/**
 * Test helpers (not a test file): a real node:http server on 127.0.0.1 that records every
 * request, and an unhandled-rejection tripwire.
 */
import http from 'node:http';
import { after } from 'node:test';
import assert from 'node:assert/strict';

/**
 * @typedef {{ method: string, url: string, headers: http.IncomingHttpHeaders, text: string, json: any }} Recorded
 * @typedef {(req: Recorded, res: http.ServerResponse, index: number, raw: http.IncomingMessage) => void | Promise<void>} Handler
 */

/**
 * Starts a recording server; `handler` answers each request after its body was read.
 * @param {Handler} handler
 */
export async function startServer(handler) {
  /** @type {Recorded[]} */
  const requests = [];
  const server = http.createServer(async (raw, res) => {
    const chunks = [];
    for await (const c of raw) chunks.push(c);
    const text = Buffer.concat(chunks).toString('utf8');
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    const rec = { method: raw.method ?? '', url: raw.url ?? '', headers: raw.headers, text, json };
    requests.push(rec);
    await handler(rec, res, requests.length - 1, raw);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  server.unref(); // a server a failed test forgot to close must not keep the file running
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close() {
      server.closeAllConnections(); // sockets of requests the server never answered
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/**
 * Answers with JSON (or no body when `body` is undefined). `Connection: close` so the next
 * attempt never lands on a socket the server is about to drop.
 * @param {http.ServerResponse} res @param {number} status @param {unknown} [body] @param {Record<string, string>} [headers]
 */
export function reply(res, status, body, headers = {}) {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    connection: 'close',
    ...(body === undefined ? {} : { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' }),
    ...headers,
  });
  res.end(text);
}

/** Courier's error body. @param {string} message */
export const courierError = (message) => ({ message, type: 'invalid_request_error' });

/** Answers the i-th request with the i-th responder (the last one repeats). @param {Array<Handler>} responders @returns {Handler} */
export const sequence = (responders) => (req, res, i, raw) => responders[Math.min(i, responders.length - 1)](req, res, i, raw);

/** @param {string} runId @returns {Handler} */
export const ok = (runId = '1-65f240a0-47a6a120c8374de9bcf9f22c') => (_req, res) => reply(res, 200, { runId });

/** Never answers (the socket stays open until the server closes). @type {Handler} */
export const hang = () => {};

/**
 * Fails the file if any promise rejection goes unhandled while it runs.
 */
export function installRejectionTripwire() {
  /** @type {unknown[]} */
  const seen = [];
  process.on('unhandledRejection', (reason) => {
    seen.push(reason);
    process.exitCode = 1;
    console.error('unhandled rejection:', reason);
  });
  after(async () => {
    // Let stray rejections of the last test surface before checking.
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(seen, [], 'no unhandled rejections');
  });
}

/** Runs fn with process.env[name] set to value (undefined = unset), then restores it. */
export function withEnv(name, value, fn) {
  const saved = process.env[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  try { return fn(); } finally {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
}

export const TEST_KEY = 'pk_test_SECRETSECRET_0123456789abcdef';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
