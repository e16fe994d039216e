/**
 * `courier-automations validate [file|-] [--level schema|courier] [--json]`
 * Exit 0 valid, 1 invalid, 2 usage or I/O error.
 */
import { CliError, EXIT } from './errors.js';
import { readInput } from './input.js';
import { loadLibrary, requireExport } from './library.js';
import { formatReport } from './report-format.js';
import { isScenario, validateScenarioRequests } from './scenario.js';

export const summary = 'check an invoke body against the OpenAPI schema or Courier\'s real rules';

export const usage = `Usage: courier-automations validate [file|-] [--level schema|courier] [--json]

Validates a POST /automations/invoke body (a file, or - for standard input), or each ad hoc
request of a dry-run scenario ({ invocations: [{ request }, ...] }).

Options:
  --level <level>  schema: the OpenAPI contract only; courier (default): plus what
                   Courier's engine enforces (delay formats, recipients, tokens, ...)
  --json           print the report { valid, errors, warnings } as JSON
  -h, --help       show this help

Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage or I/O error.`;

export const options = {
  level: { type: 'string' },
  json: { type: 'boolean' },
};

/**
 * @param {{ values: Record<string, any>, positionals: string[] }} args
 * @param {import('./main.js').IO} io
 * @returns {Promise<number>}
 */
export async function run({ values, positionals }, io) {
  const level = values.level ?? 'courier';
  if (level !== 'schema' && level !== 'courier') {
    throw new CliError(`--level must be schema or courier, not "${level}"`);
  }
  if (positionals.length > 1) throw new CliError(`validate takes one file, got ${positionals.length}`);
  const input = await readInput(positionals[0], io);
  const lib = await loadLibrary();
  const validate = requireExport(lib, 'validate');
  const text = input.bytes.toString('utf8');
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined; // the validator locates the syntax error
  }
  // A JSON object with `invocations` is a dry-run scenario: validate each of its requests.
  const report = isScenario(value)
    ? validateScenarioRequests(validate, value, text, level)
    : validate(new Uint8Array(input.bytes), { level });
  if (values.json) io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else io.stdout.write(formatReport(input.name, report, io.style(io.stdout)));
  return report.valid ? EXIT.OK : EXIT.FAILED;
}
