#!/usr/bin/env node
/**
 * courier-automations: validate, dry-run and invoke Courier ad hoc automations, or serve a
 * local emulator of the invoke endpoints. One file per command in this folder; this one only
 * parses the command line and turns every failure into one line and an exit code.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CliError, EXIT } from './errors.js';
import { colorEnabled, makeStyle } from './style.js';
import * as validateCmd from './validate.js';
import * as dryRunCmd from './dry-run.js';
import * as invokeCmd from './invoke.js';
import * as serveCmd from './serve.js';
import * as schemaCmd from './schema.js';

/**
 * @typedef {object} IO
 * @property {NodeJS.WritableStream & { isTTY?: boolean }} stdout
 * @property {NodeJS.WritableStream & { isTTY?: boolean }} stderr
 * @property {NodeJS.ReadableStream & { isTTY?: boolean }} stdin
 * @property {Record<string, string | undefined>} env
 * @property {(stream: { isTTY?: boolean }) => ReturnType<typeof makeStyle>} style
 */

const COMMANDS = {
  validate: validateCmd,
  'dry-run': dryRunCmd,
  invoke: invokeCmd,
  serve: serveCmd,
  schema: schemaCmd,
};

const NAME = 'courier-automations';

function packageVersion() {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
}

function mainUsage() {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const list = Object.entries(COMMANDS).map(([name, cmd]) => `  ${name.padEnd(width)}  ${cmd.summary}`).join('\n');
  return `Usage: ${NAME} <command> [options]

Model, validate and dry-run Courier ad hoc automations (POST /automations/invoke).

Commands:
${list}

Options:
  -h, --help     show help (also: ${NAME} <command> --help)
  -v, --version  print the version

Exit status: 0 success, 1 invalid input or failed run, 2 usage or I/O error.`;
}

/**
 * Runs the CLI. Never throws and never exits the process itself.
 * @param {string[]} argv the arguments after `node main.js`
 * @param {Partial<IO>} [ioOverrides]
 * @returns {Promise<number>} the exit code
 */
export async function main(argv, ioOverrides = {}) {
  const env = ioOverrides.env ?? process.env;
  /** @type {IO} */
  const io = {
    stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env,
    style: (stream) => makeStyle(colorEnabled(stream, env)),
    ...ioOverrides,
  };
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
      const topic = first === 'help' ? rest[0] : undefined;
      if (topic && COMMANDS[topic]) io.stdout.write(COMMANDS[topic].usage + '\n');
      else io.stdout.write(mainUsage() + '\n');
      return first === undefined ? EXIT.USAGE : EXIT.OK;
    }
    if (first === '-v' || first === '--version') {
      io.stdout.write(packageVersion() + '\n');
      return EXIT.OK;
    }
    const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (!command) {
      throw new CliError(first.startsWith('-') ? `unknown option ${first} (see ${NAME} --help)` : `unknown command "${first}" (see ${NAME} --help)`);
    }
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...command.options, help: { type: 'boolean', short: 'h' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (err) {
      throw new CliError(`${first}: ${oneLine(/** @type {Error} */ (err).message)} (see ${NAME} ${first} --help)`);
    }
    if (parsed.values.help) {
      io.stdout.write(command.usage + '\n');
      return EXIT.OK;
    }
    return await command.run(parsed, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr.write(`${NAME}: ${err.message}\n`);
      return err.exitCode;
    }
    const e = /** @type {Error} */ (err);
    io.stderr.write(`${NAME}: internal error: ${oneLine(e?.message ?? String(err))}\n`);
    if (env.COURIER_AUTOMATIONS_DEBUG) io.stderr.write(`${e?.stack}\n`);
    return EXIT.USAGE;
  }
}

/** Node's parseArgs messages span lines and suggest `--`; keep the first sentence. */
function oneLine(message) {
  return String(message).split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
}

// Run when executed (directly or through the npm bin symlink), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathOr(process.argv[1])).href) {
  // `courier-automations dry-run --json x | head`: a closed pipe ends the output, quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err) => {
      if (/** @type {any} */ (err).code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  process.exitCode = await main(process.argv.slice(2));
}

/** @param {string} path */
function realpathOr(path) {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
