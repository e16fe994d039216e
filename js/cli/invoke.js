/**
 * `courier-automations invoke [file|-] [--template ID] [--base-url URL]`
 * Validates, then calls Courier (or any emulator) through the package's client with
 * COURIER_API_KEY, and prints the runId. Exit 0 started, 1 invalid body or refused by the
 * server, 2 usage, I/O or configuration error.
 */
import { CliError, EXIT } from './errors.js';
import { parseJsonOrFail, readInput } from './input.js';
import { loadLibrary, requireExport } from './library.js';
import { inputKind, kindHint } from './input-kind.js';
import { formatReport } from './report-format.js';

export const summary = 'validate a body, then start a real run through the client (COURIER_API_KEY)';

export const usage = `Usage: courier-automations invoke [file|-] [--template ID] [--base-url URL] [--idempotency-key KEY]

Validates the body, then POSTs it to /automations/invoke (or /automations/{ID}/invoke with
--template) with the API key from COURIER_API_KEY, and prints the runId.

Options:
  --template <ID>          invoke a saved automation template (the body is then
                           { recipient, brand, data, profile, template })
  --base-url <URL>         default COURIER_BASE_URL, else https://api.courier.com
  --idempotency-key <KEY>  default: a random key, reused by the client's retries
  -h, --help               show this help

Exit status: 0 run started, 1 invalid body or the server refused it, 2 usage, I/O or
configuration error (no COURIER_API_KEY, unreachable server).`;

export const options = {
  template: { type: 'string' },
  'base-url': { type: 'string' },
  'idempotency-key': { type: 'string' },
};

/**
 * @param {{ values: Record<string, any>, positionals: string[] }} args
 * @param {import('./main.js').IO} io
 * @returns {Promise<number>}
 */
export async function run({ values, positionals }, io) {
  if (positionals.length > 1) throw new CliError(`invoke takes one file, got ${positionals.length}`);
  const apiKey = io.env.COURIER_API_KEY;
  if (!apiKey) throw new CliError('COURIER_API_KEY is not set: export your Courier API key (or any key for the emulator)');
  const baseURL = values['base-url'] ?? io.env.COURIER_BASE_URL ?? 'https://api.courier.com';
  if (!/^https?:\/\/[^\s]+$/.test(baseURL)) throw new CliError(`--base-url must be an http(s) URL, not "${baseURL}"`);
  if (values.template !== undefined && values.template === '') throw new CliError('--template needs an automation template id');

  const input = await readInput(positionals[0], io);
  // A scenario or a fixtures file is no body to send: say what to do instead of "automation is required".
  const hint = kindHint(input.name, inputKind(input.bytes), 'body');
  if (hint) throw new CliError(hint, EXIT.FAILED);
  const { AutomationsClient, ValidationError, APIError, CourierClientError } = await import('../client/index.js');

  let body;
  /** @type {any[]} */
  let warnings = [];
  if (values.template === undefined) {
    const lib = await loadLibrary();
    const validate = requireExport(lib, 'validate');
    const report = await validate(new Uint8Array(input.bytes), { level: 'courier' });
    if (!report.valid) {
      io.stdout.write(formatReport(input.name, report, io.style(io.stdout)));
      return EXIT.FAILED;
    }
    warnings = report.warnings;
    body = JSON.parse(input.bytes.toString('utf8'));
  } else {
    body = await parseJsonOrFail(input.name, input.bytes);
  }

  let client;
  try {
    client = new AutomationsClient({ apiKey, baseURL, maxRetries: 2 });
  } catch (err) {
    throw new CliError(/** @type {Error} */ (err).message.replace(/^AutomationsClient: /, ''));
  }
  const callOptions = values['idempotency-key'] !== undefined ? { idempotencyKey: values['idempotency-key'] } : {};
  try {
    const { runId } = values.template === undefined
      ? await client.invokeAdHoc(body, { ...callOptions, validate: false })
      : await client.invokeByTemplate(values.template, body, callOptions);
    // Warnings did not stop the call; they go to stderr, so stdout stays just the runId.
    for (const w of warnings) {
      const where = w.line !== undefined ? `${input.name}:${w.line}:${w.column ?? 1}` : input.name;
      io.stderr.write(`courier-automations: warning: ${where} ${w.path || '/'}: ${w.message}\n`);
    }
    io.stdout.write(runId + '\n');
    return EXIT.OK;
  } catch (err) {
    if (err instanceof ValidationError) {
      io.stdout.write(formatReport(input.name, err.report, io.style(io.stdout)));
      return EXIT.FAILED;
    }
    // Connection, timeout and abort errors are APIErrors too (as in the SDK), without a status.
    if (err instanceof APIError && err.status !== undefined) throw new CliError(`${input.name}: ${baseURL} refused the request: ${err.message}`, EXIT.FAILED);
    if (err instanceof CourierClientError) throw new CliError(`${baseURL}: ${err.message}${err.cause?.message ? ` (${err.cause.message})` : ''}`, EXIT.USAGE);
    if (err instanceof TypeError) throw new CliError(`${input.name}: ${err.message}`);
    throw err;
  }
}
