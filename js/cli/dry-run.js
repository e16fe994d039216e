/**
 * `courier-automations dry-run [file|-] [--now ISO] [--seed N] [--fixtures file] [--json]`
 * Exit 0 when every run ended PROCESSED or CANCELED, 1 when a run ended otherwise (ERROR) or
 * the input was invalid, 2 usage or I/O error.
 */
import { CliError, EXIT } from './errors.js';
import { readFileOrFail, readInput } from './input.js';
import { loadLibrary, requireExport } from './library.js';
import { inputKind, kindHint } from './input-kind.js';
import { formatReport } from './report-format.js';
import { formatTimeline } from './timeline.js';

export const summary = 'simulate a body or a scenario on a virtual clock and print the timeline';

export const usage = `Usage: courier-automations dry-run [file|-] [--now ISO] [--seed N] [--fixtures file] [--json]

Runs an invoke body, or a scenario { now, seed?, fixtures?, invocations: [{ at?, request }
| { at?, templateId, request }] }, on a virtual clock: nothing is sent and nothing waits.

Options:
  --now <ISO>        the virtual time the clock starts at, instead of the scenario's "now"
                     (default: the scenario's, else 2024-01-01T00:00:00Z: fixed, so that
                     the same input gives the same trace; never the current time)
  --seed <N>         seed of the run-id generator (same input and seed, same trace)
  --fixtures <file>  JSON { profiles, lists, templates, webhooks } added to the scenario's
                     (its ids win)
  --json             print JSON: { "kind": "trace", ...the whole trace } when the input
                     ran, { "kind": "report", valid, errors, warnings } when it was refused
  -h, --help         show this help

Steps are numbered from 1: step 1 is /automation/steps/0.

Exit status: 0 every run PROCESSED or CANCELED, 1 a run ended in ERROR or the input is
invalid, 2 usage or I/O error.`;

export const options = {
  now: { type: 'string' },
  seed: { type: 'string' },
  fixtures: { type: 'string' },
  json: { type: 'boolean' },
};

/** Where the core puts the problems of the --fixtures file (located in that file's text). */
const FIXTURES_PATH = '/options/fixtures';

/**
 * @param {{ values: Record<string, any>, positionals: string[] }} args
 * @param {import('./main.js').IO} io
 * @returns {Promise<number>}
 */
export async function run({ values, positionals }, io) {
  if (positionals.length > 1) throw new CliError(`dry-run takes one file, got ${positionals.length}`);
  /** @type {{ now?: string, seed?: number, fixtures?: Uint8Array, detail: 'full' }} */
  const runOptions = { detail: 'full' };
  if (values.now !== undefined) {
    if (!/^\d{4}-?\d{2}-?\d{2}T\d{2}/.test(values.now)) throw new CliError(`--now must be an ISO 8601 timestamp such as 2024-04-08T08:00:00Z, not "${values.now}"`);
    runOptions.now = values.now;
  }
  if (values.seed !== undefined) {
    if (!/^\d{1,15}$/.test(values.seed)) throw new CliError(`--seed must be a non-negative integer, not "${values.seed}"`);
    runOptions.seed = Number(values.seed);
  }
  // The file's text as it is: the core adds it to the scenario's fixtures and locates its problems in it.
  if (values.fixtures !== undefined) runOptions.fixtures = await readFileOrFail(values.fixtures);

  const input = await readInput(positionals[0], io);
  // A file given to the wrong place: said on stderr, beside the core's verdict.
  const hints = [
    kindHint(input.name, inputKind(input.bytes), 'scenario'),
    values.fixtures === undefined ? null : kindHint(values.fixtures, inputKind(runOptions.fixtures), 'fixtures'),
  ].filter(Boolean);
  const lib = await loadLibrary();
  const dryRun = requireExport(lib, 'dryRun');
  let trace;
  try {
    // The text as given, so that every problem comes back with its line and column in it.
    trace = await dryRun(input.bytes, runOptions);
  } catch (err) {
    if (err instanceof lib.ValidationError) {
      const files = values.fixtures === undefined ? {} : { [FIXTURES_PATH]: values.fixtures };
      if (values.json) io.stdout.write(JSON.stringify({ kind: 'report', valid: err.report.valid, errors: err.report.errors, warnings: err.report.warnings }, null, 2) + '\n');
      else io.stdout.write(formatReport(input.name, err.report, io.style(io.stdout), files));
      for (const h of hints) io.stderr.write(`courier-automations: hint: ${h}\n`);
      return EXIT.FAILED;
    }
    if (err instanceof TypeError || err instanceof RangeError) throw new CliError(`${input.name}: ${err.message}`, EXIT.FAILED);
    throw err;
  }
  if (values.json) io.stdout.write(JSON.stringify({ kind: 'trace', ...trace }, null, 2) + '\n');
  else io.stdout.write(formatTimeline(trace, io.style(io.stdout)));
  const ok = (trace.runs ?? []).every((r) => r.status === 'PROCESSED' || r.status === 'CANCELED');
  return ok ? EXIT.OK : EXIT.FAILED;
}
