/**
 * `courier-automations validate [file|-] [--level schema|courier] [--json]`
 * Exit 0 valid, 1 invalid, 2 usage or I/O error.
 */
import { CliError, EXIT } from './errors.js';
import { readInput } from './input.js';
import { loadLibrary, requireExport } from './library.js';
import { formatReport } from './report-format.js';

export const summary = 'check an invoke body against the OpenAPI schema or Courier\'s real rules';

export const usage = `Usage: courier-automations validate [file|-] [--level schema|courier] [--json]

Validates a POST /automations/invoke body (a file, or - for standard input), or a dry-run
scenario ({ invocations: [{ request }, ...] }) as dry-run reads it: every request at the
courier level, by-template requests against the scenario's fixtures.

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
  const report = isScenario(input.bytes)
    ? await checkScenario(lib, input.bytes, level)
    : requireExport(lib, 'validate')(new Uint8Array(input.bytes), { level });
  if (values.json) io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else io.stdout.write(formatReport(input.name, report, io.style(io.stdout)));
  return report.valid ? EXIT.OK : EXIT.FAILED;
}

/** A JSON object with `invocations` is a dry-run scenario (as the core tells them apart). */
function isScenario(bytes) {
  try {
    const value = JSON.parse(bytes.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) && 'invocations' in value;
  } catch {
    return false; // malformed: the validator locates the syntax error
  }
}

/**
 * The dry run's own check of a scenario, located in its text: refused, its report; accepted,
 * its warnings (the runs themselves, in summary detail, are not looked at).
 * @param {any} lib @param {Buffer} bytes @param {'schema' | 'courier'} level
 */
async function checkScenario(lib, bytes, level) {
  if (level !== 'courier') throw new CliError('--level schema checks one invoke body; a scenario is checked at the courier level, as dry-run reads it');
  try {
    const trace = await requireExport(lib, 'dryRun')(bytes, { detail: 'summary' });
    return { valid: true, errors: [], warnings: trace.warnings ?? [] };
  } catch (err) {
    if (err instanceof lib.ValidationError) return err.report;
    throw err;
  }
}
