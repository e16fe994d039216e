/**
 * `courier-automations dry-run [file|-] [--now ISO] [--seed N] [--fixtures file] [--json]`
 * Exit 0 when every run ended PROCESSED or CANCELED, 1 when a run ended otherwise (ERROR) or
 * the input was invalid, 2 usage or I/O error.
 */
import { CliError, EXIT } from './errors.js';
import { parseJsonOrFail, readFileOrFail, readInput } from './input.js';
import { loadLibrary, requireExport } from './library.js';
import { formatReport } from './report-format.js';
import { formatTimeline } from './timeline.js';
import { isScenario, validateScenarioRequests } from './scenario.js';

export const summary = 'simulate a body or a scenario on a virtual clock and print the timeline';

export const usage = `Usage: courier-automations dry-run [file|-] [--now ISO] [--seed N] [--fixtures file] [--json]

Runs an invoke body, or a scenario { now, seed?, fixtures?, invocations: [{ at?, request }
| { at?, templateId, request }] }, on a virtual clock: nothing is sent and nothing waits.

Options:
  --now <ISO>        the virtual time the first invocation happens (default: the scenario's,
                     else the current time)
  --seed <N>         seed of the run-id generator (same input and seed, same trace)
  --fixtures <file>  JSON { profiles, lists, templates, webhooks } added to the scenario's
  --json             print the whole trace as JSON
  -h, --help         show this help

Exit status: 0 every run PROCESSED or CANCELED, 1 a run ended in ERROR or the input is
invalid, 2 usage or I/O error.`;

export const options = {
  now: { type: 'string' },
  seed: { type: 'string' },
  fixtures: { type: 'string' },
  json: { type: 'boolean' },
};

const FIXTURE_KINDS = ['profiles', 'lists', 'templates', 'webhooks'];

/**
 * @param {{ values: Record<string, any>, positionals: string[] }} args
 * @param {import('./main.js').IO} io
 * @returns {Promise<number>}
 */
export async function run({ values, positionals }, io) {
  if (positionals.length > 1) throw new CliError(`dry-run takes one file, got ${positionals.length}`);
  /** @type {{ now?: string, seed?: number, detail: 'full' }} */
  const runOptions = { detail: 'full' };
  if (values.now !== undefined) {
    if (!/^\d{4}-?\d{2}-?\d{2}T\d{2}/.test(values.now)) throw new CliError(`--now must be an ISO 8601 timestamp such as 2024-04-08T08:00:00Z, not "${values.now}"`);
    runOptions.now = values.now;
  }
  if (values.seed !== undefined) {
    if (!/^\d{1,15}$/.test(values.seed)) throw new CliError(`--seed must be a non-negative integer, not "${values.seed}"`);
    runOptions.seed = Number(values.seed);
  }
  let fixtures;
  if (values.fixtures !== undefined) {
    fixtures = parseJsonOrFail(values.fixtures, await readFileOrFail(values.fixtures));
    if (fixtures === null || typeof fixtures !== 'object' || Array.isArray(fixtures)) {
      throw new CliError(`${values.fixtures}: fixtures must be a JSON object { profiles, lists, templates, webhooks }`);
    }
    const unknown = Object.keys(fixtures).filter((k) => !FIXTURE_KINDS.includes(k));
    if (unknown.length) throw new CliError(`${values.fixtures}: unknown fixture kind "${unknown[0]}" (expected ${FIXTURE_KINDS.join(', ')})`);
  }

  const input = await readInput(positionals[0], io);
  const lib = await loadLibrary();
  const dryRun = requireExport(lib, 'dryRun');

  let value;
  try {
    value = JSON.parse(input.bytes.toString('utf8'));
  } catch {
    // Let the validator locate the syntax error (line, column) like `validate` does.
    return printInvalid(io, input.name, requireExport(lib, 'validate')(new Uint8Array(input.bytes), { level: 'courier' }), values.json);
  }
  // Courier answers 400 to a body its rules refuse, so no run would exist: refuse it here too,
  // with the validator's located problems (the simulator itself only checks the shape).
  const refused = preValidate(lib, value, input.bytes);
  if (refused) return printInvalid(io, input.name, refused, values.json);
  // The text as given when nothing is added, so the simulator's problems keep their line and
  // column; with --fixtures, a value (and the positions, which would point into it, dropped).
  const scenario = fixtures === undefined ? input.bytes.toString('utf8') : withFixtures(value, fixtures);

  let trace;
  try {
    trace = await dryRun(scenario, runOptions);
  } catch (err) {
    if (err instanceof lib.ValidationError) {
      return printInvalid(io, input.name, fixtures === undefined ? err.report : unlocated(err.report), values.json);
    }
    if (err instanceof TypeError || err instanceof RangeError) throw new CliError(`${input.name}: ${err.message}`, EXIT.FAILED);
    throw err;
  }
  if (values.json) io.stdout.write(JSON.stringify(trace, null, 2) + '\n');
  else io.stdout.write(formatTimeline(trace, io.style(io.stdout)));
  const ok = (trace.runs ?? []).every((r) => r.status === 'PROCESSED' || r.status === 'CANCELED');
  return ok ? EXIT.OK : EXIT.FAILED;
}

/**
 * A scenario (has `invocations`) or a bare invoke body as a scenario, with the command line's
 * fixtures added to its own (per id; the command line's win).
 * @param {unknown} value
 * @param {Record<string, any>} fixtures
 */
function withFixtures(value, fixtures) {
  /** @type {Record<string, any>} */
  const scenario = isScenario(value) ? { ...value } : { invocations: [{ request: value }] };
  const base = scenario.fixtures !== null && typeof scenario.fixtures === 'object' ? scenario.fixtures : {};
  scenario.fixtures = { ...base };
  for (const kind of FIXTURE_KINDS) {
    const extra = fixtures[kind];
    if (extra === undefined) continue;
    scenario.fixtures[kind] = Array.isArray(extra) ? [...(Array.isArray(base[kind]) ? base[kind] : []), ...extra] : { ...(base[kind] ?? {}), ...extra };
  }
  return scenario;
}

/** A report without line and column (they would point into JSON the user never saw). */
function unlocated(report) {
  const strip = ({ line, column, ...p }) => p;
  return { ...report, errors: report.errors.map(strip), warnings: (report.warnings ?? []).map(strip) };
}

/**
 * The courier-level report of the input's ad hoc requests, or null when all are valid. A bare
 * body is validated from its bytes; a scenario's requests one by one (scenario.js).
 * @param {any} lib @param {unknown} value @param {Buffer} bytes
 */
function preValidate(lib, value, bytes) {
  const validate = requireExport(lib, 'validate');
  const report = isScenario(value)
    ? validateScenarioRequests(validate, value, bytes.toString('utf8'), 'courier')
    : validate(new Uint8Array(bytes), { level: 'courier' });
  return report.valid ? null : report;
}

/** @param {import('./main.js').IO} io @param {string} name @param {any} report @param {boolean} json */
function printInvalid(io, name, report, json) {
  if (json) io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else io.stdout.write(formatReport(name, report, io.style(io.stdout)));
  return EXIT.FAILED;
}
