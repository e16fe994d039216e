/**
 * `courier-automations serve [--port 4010] [--host 127.0.0.1] [--now ISO] [--seed N] [--fixtures file]`
 * Runs the emulator until SIGINT or SIGTERM.
 */
import { CliError, EXIT } from './errors.js';
import { parseJsonOrFail, readFileOrFail } from './input.js';
import { loadLibrary } from './library.js';

export const summary = 'run a local emulator of the invoke endpoints on a virtual clock';

export const usage = `Usage: courier-automations serve [--port 4010] [--host 127.0.0.1] [--now ISO] [--seed N]
                                 [--fixtures file] [--body-limit BYTES] [--state-limit BYTES]

Serves POST /automations/invoke and POST /automations/{templateId}/invoke like Courier
(Bearer auth, validation, Idempotency-Key), running every request in the dry-run simulator
on a virtual clock, and the SDK's reads GET /automations, GET /automations/runs and
GET /automations/runs/{id}/steps. Control it under /__emulator/: fixtures, clock, runs, trace, messages,
reset (control writes need Content-Type: application/json; every request must name the
emulator in Host: 127.0.0.1, localhost or the address it listens on, with its port).
Nothing is ever sent.

Options:
  --port <n>           default 4010 (0: any free port)
  --host <addr>        default 127.0.0.1 (only this machine)
  --now <ISO>          the virtual clock's start, default the current time
  --seed <N>           the run-id generator's seed, default 0
  --fixtures <file>    JSON { profiles, lists, templates, webhooks } to load at start
  --body-limit <bytes> larger bodies get 413, default 1048576
  --state-limit <bytes> what the runs' requests may hold (bytes + 32 per JSON value);
                       past it invokes get 507 until a reset, default 67108864 (64 MiB)
  -h, --help           show this help`;

export const options = {
  port: { type: 'string' },
  host: { type: 'string' },
  now: { type: 'string' },
  seed: { type: 'string' },
  fixtures: { type: 'string' },
  'body-limit': { type: 'string' },
  'state-limit': { type: 'string' },
};

/**
 * @param {{ values: Record<string, any>, positionals: string[] }} args
 * @param {import('./main.js').IO} io
 * @returns {Promise<number>}
 */
export async function run({ values, positionals }, io) {
  if (positionals.length) throw new CliError(`serve takes no file, got "${positionals[0]}"`);
  const port = values.port === undefined ? 4010 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '4010') || port > 65535) throw new CliError(`--port must be 0-65535, not "${values.port}"`);
  const host = values.host ?? '127.0.0.1';
  const seed = values.seed === undefined ? 0 : Number(values.seed);
  if (!/^\d{1,15}$/.test(values.seed ?? '0')) throw new CliError(`--seed must be a non-negative integer, not "${values.seed}"`);
  const bodyLimit = values['body-limit'] === undefined ? undefined : Number(values['body-limit']);
  if (bodyLimit !== undefined && !(Number.isSafeInteger(bodyLimit) && bodyLimit > 0)) {
    throw new CliError(`--body-limit must be a positive number of bytes, not "${values['body-limit']}"`);
  }
  const stateLimit = values['state-limit'] === undefined ? undefined : Number(values['state-limit']);
  if (stateLimit !== undefined && !(/^\d+$/.test(values['state-limit']) && Number.isSafeInteger(stateLimit) && stateLimit > 0)) {
    throw new CliError(`--state-limit must be a positive number of bytes, not "${values['state-limit']}"`);
  }
  let fixtures;
  if (values.fixtures !== undefined) fixtures = await parseJsonOrFail(values.fixtures, await readFileOrFail(values.fixtures));

  await loadLibrary(); // a missing build is one clear line
  const { startEmulator } = await import('../emulator/index.js');
  let emulator;
  try {
    emulator = await startEmulator({ port, host, now: values.now, seed, fixtures, bodyLimit, stateLimit });
  } catch (err) {
    const e = /** @type {any} */ (err);
    if (e?.code === 'EADDRINUSE') throw new CliError(`${host}:${port} is already in use (try --port 0)`);
    if (e?.code === 'EADDRNOTAVAIL' || e?.code === 'ENOTFOUND') throw new CliError(`cannot listen on ${host}: ${e.code}`);
    if (e instanceof TypeError) throw new CliError(e.message.replace(/^startEmulator: /, '--'));
    if (e?.report) throw new CliError(`${values.fixtures ?? 'fixtures'}: ${e.message}`, EXIT.FAILED);
    throw err;
  }
  io.stdout.write(`courier-automations emulator listening on ${emulator.url}\n` +
    `  POST ${emulator.url}/automations/invoke\n` +
    `  POST ${emulator.url}/automations/{templateId}/invoke\n` +
    `  control: ${emulator.url}/__emulator/ (fixtures, clock, runs, trace, messages, reset)\n`);
  await new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(undefined);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await emulator.close();
  return EXIT.OK;
}
