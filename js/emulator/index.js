/**
 * A local emulator of Courier's automation invoke endpoints (and the SDK's reads of templates,
 * runs and steps), backed by the dry-run simulator
 * on a clock the caller controls. For tests and local development: nothing is ever sent.
 *
 *   import { startEmulator } from 'courier-automations-wasm/emulator'; // once package.json exports "./emulator"
 *   const emu = await startEmulator({ port: 0, now: '2024-04-08T08:00:00Z' });
 *   // new Courier({ apiKey: 'test-key', baseURL: emu.url }) ...
 *   await emu.close();
 */
import { createServer } from 'node:http';
import { parseInstant } from './clock.js';
import { createHandler } from './server.js';
import { DEFAULT_STATE_LIMIT, World } from './world.js';

export { DEFAULT_STATE_LIMIT };

/** Courier documents no body limit; the emulator refuses bodies over 1 MiB unless told otherwise. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * @typedef {object} EmulatorOptions
 * @property {number} [port] default 4010 (0: any free port)
 * @property {string} [host] default '127.0.0.1'
 * @property {string | number} [now] the virtual clock's start (ISO 8601 or epoch ms); default the real current time
 * @property {number} [seed] the run-id generator's seed, default 0
 * @property {{ profiles?: object, lists?: object, templates?: object, webhooks?: object }} [fixtures]
 * @property {number} [bodyLimit] bytes, default 1 MiB; larger bodies get 413
 * @property {number} [stateLimit] what the runs' requests may hold, in stateCost (a request's bytes
 *   plus 32 per JSON value), default 64 MiB; an invoke past it gets 507 until a reset (the wasm
 *   memory then stays well under its ceiling)
 * @property {string | string[] | ((key: string) => boolean)} [apiKey] the keys accepted; default any non-empty key
 */

/**
 * @param {EmulatorOptions} [options]
 * @returns {Promise<{ url: string, port: number, host: string, server: import('node:http').Server, close: () => Promise<void> }>}
 */
export async function startEmulator(options = {}) {
  const { port = 4010, host = '127.0.0.1', seed = 0, fixtures = {}, bodyLimit = DEFAULT_BODY_LIMIT, stateLimit = DEFAULT_STATE_LIMIT, apiKey } = options;
  const now = options.now === undefined ? Date.now() : parseInstant(options.now);
  if (now === undefined) throw new TypeError(`startEmulator: now must be an ISO 8601 timestamp or epoch ms, got ${JSON.stringify(options.now)}`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new TypeError('startEmulator: seed must be a non-negative integer');
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit <= 0) throw new TypeError('startEmulator: bodyLimit must be a positive integer');
  if (!Number.isSafeInteger(stateLimit) || stateLimit <= 0) throw new TypeError('startEmulator: stateLimit must be a positive integer');

  const lib = await import('../dry-run/node.js');
  await lib.init();
  const world = await World.create(lib, { now, seed, fixtures, stateLimit });
  const handler = createHandler({
    lib, world, bodyLimit, acceptKey: keyMatcher(apiKey), idempotent: new Map(), inFlight: new Set(),
  });
  const server = createServer(handler);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    host: address.address,
    server,
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections?.();
      }).then(() => world.close());
      return closing;
    },
  };
}

/** @param {EmulatorOptions['apiKey']} apiKey @returns {(key: string) => boolean} */
function keyMatcher(apiKey) {
  if (apiKey === undefined) return (key) => key.length > 0;
  if (typeof apiKey === 'function') return apiKey;
  const keys = new Set(Array.isArray(apiKey) ? apiKey : [apiKey]);
  return (key) => keys.has(key);
}
