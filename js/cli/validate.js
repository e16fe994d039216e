/**
 * `courier-automations validate [files|globs|-...] [--level schema|courier] [--format human|json|github]`
 * Exit 0 every file valid, 1 one invalid, 2 usage or I/O error.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { CliError, EXIT } from './errors.js';
import { expandPattern, isPattern } from './glob.js';
import { readInput } from './input.js';
import { loadLibrary, requireExport } from './library.js';
import { formatGithub } from './github-format.js';
import { inputKind, kindHint } from './input-kind.js';
import { formatReport, plural } from './report-format.js';

export const summary = 'check invoke bodies against the OpenAPI schema or Courier\'s real rules';

export const usage = `Usage: courier-automations validate [file|glob|-]... [--level schema|courier] [--format human|json|github]

Validates POST /automations/invoke bodies (files, glob patterns, or - for standard input), or
dry-run scenarios ({ invocations: [{ request }, ...] }) as dry-run reads them: every request
at the courier level, by-template requests against the scenario's fixtures.

Patterns the shell left alone are expanded here: * and ? within a name, ** for any number of
directories (not into node_modules or dot-directories), e.g. 'automations/**/*.json'.

Options:
  --level <level>    schema: the OpenAPI contract only; courier (default): plus what
                     Courier's engine enforces (delay formats, recipients, tokens, ...)
  --format <format>  human (default); json: the report { valid, errors, warnings } (several
                     files: { valid, files: [{ file, valid, errors, warnings }] }); github:
                     GitHub Actions annotations (::error file=...,line=...,col=...::...)
  --json             the same as --format json
  -h, --help         show this help

Exit status: 0 every file valid (warnings allowed), 1 a file invalid, 2 usage or I/O error.`;

export const options = {
  level: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
};

const FORMATS = ['human', 'json', 'github'];

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
  const format = values.format ?? (values.json ? 'json' : 'human');
  if (!FORMATS.includes(format)) throw new CliError(`--format must be human, json or github, not "${format}"`);
  if (values.json && format !== 'json') throw new CliError(`--json and --format ${format} disagree: give one`);

  const names = expandArguments(positionals);
  // One plain path (or stdin) prints its report as it always did; several, the list of them.
  const single = positionals.length <= 1 && !names.some((n, i) => n !== positionals[i]);
  const inputs = [];
  for (const name of names) inputs.push(await readInput(name, io));

  const lib = await loadLibrary();
  const results = [];
  for (const input of inputs) {
    const kind = inputKind(input.bytes);
    const report = kind === 'scenario'
      ? await checkScenario(lib, input.bytes, level)
      : requireExport(lib, 'validate')(new Uint8Array(input.bytes), { level });
    results.push({ file: input.name, report });
    // A fixtures file is neither a body nor a scenario: say so beside "automation is required".
    const hint = report.valid ? null : kindHint(input.name, kind, 'body');
    if (hint && kind === 'fixtures') io.stderr.write(`courier-automations: hint: ${hint}\n`);
  }
  const valid = results.every((r) => r.report.valid);

  if (format === 'json') {
    const out = single
      ? results[0].report
      : { valid, files: results.map(({ file, report }) => ({ file, ...report })) };
    io.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else if (format === 'github') {
    io.stdout.write(results.map(({ file, report }) => formatGithub(workspacePath(file, io.env), report)).join(''));
    io.stdout.write(totals(results) + '\n');
  } else {
    const s = io.style(io.stdout);
    io.stdout.write(results.map(({ file, report }) => formatReport(file, report, s)).join(''));
    if (results.length > 1) io.stdout.write(totals(results) + '\n');
  }
  return valid ? EXIT.OK : EXIT.FAILED;
}

/**
 * The files the arguments name: a path as it is, a pattern expanded (unless a file has that
 * very name), `-` (or nothing) standard input, each file once.
 * @param {string[]} args
 * @returns {(string | undefined)[]}
 */
function expandArguments(args) {
  if (args.length === 0) return [undefined];
  const out = [];
  for (const arg of args) {
    if (arg !== '-' && isPattern(arg) && !existsSync(arg)) {
      const files = expandPattern(arg);
      if (files.length === 0) throw new CliError(`${arg}: no file matches`);
      out.push(...files);
    } else {
      out.push(arg);
    }
  }
  if (out.filter((n) => n === '-').length > 1) throw new CliError('standard input (-) can be read once');
  return [...new Set(out)];
}

/**
 * GitHub places an annotation by its path from the repository root: in a workflow
 * (GITHUB_WORKSPACE set), a file inside the workspace is named from there, whatever the
 * current directory; anything else as given.
 * @param {string} file @param {Record<string, string | undefined>} env
 */
function workspacePath(file, env) {
  const root = env.GITHUB_WORKSPACE;
  if (!root || file === '<stdin>') return file;
  const rel = relative(resolve(root), resolve(file));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file;
  return rel.split(sep).join('/');
}

/** "3 files: 2 valid, 1 invalid (4 errors, 1 warning)" */
function totals(results) {
  const invalid = results.filter((r) => !r.report.valid).length;
  const errors = results.reduce((n, r) => n + r.report.errors.length, 0);
  const warnings = results.reduce((n, r) => n + (r.report.warnings ?? []).length, 0);
  return `${plural(results.length, 'file')}: ${results.length - invalid} valid, ${invalid} invalid (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
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
