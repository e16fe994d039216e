/**
 * `courier-automations schema [--level courier|schema] [--body ad-hoc|by-template]`
 * Prints the editor JSON Schema (draft-07) of an invoke body: the files under schemas/,
 * generated from spec/ by scripts/generate.mjs (scripts/generate/editor-schema.mjs).
 * Exit 0, or 2 for a usage or I/O error.
 */
import { readFile } from 'node:fs/promises';
import { CliError, EXIT } from './errors.js';

export const summary = 'print the JSON Schema of an invoke body, for editors (VS Code, JetBrains)';

export const usage = `Usage: courier-automations schema [--level courier|schema] [--body ad-hoc|by-template]

Prints a JSON Schema (draft-07) of the invoke body, generated from the same description as
the validator, with descriptions and enum values for completion. The package ships the same
files: courier-automations-wasm/schemas/<name>.

Options:
  --level <level>  courier (default): what Courier's engine takes, every step closed to its
                   action's shape (invoke-body.courier.schema.json); schema: the OpenAPI
                   contract (invoke-body.schema.json)
  --body <kind>    ad-hoc (default): POST /automations/invoke; by-template: the body of
                   POST /automations/{templateId}/invoke (invoke-body.by-template.schema.json,
                   the same at both levels)
  -h, --help       show this help

The schema cannot say everything the validator checks (a ref used twice, 2024-02-30, ...):
\`courier-automations validate\` gives the verdict. See docs/cli.md.

Exit status: 0 printed, 2 usage or I/O error.`;

export const options = {
  level: { type: 'string' },
  body: { type: 'string' },
};

/** The shipped file for a level and a body kind. */
export function schemaFile(level, body) {
  if (body === 'by-template') return 'invoke-body.by-template.schema.json';
  return level === 'schema' ? 'invoke-body.schema.json' : 'invoke-body.courier.schema.json';
}

/**
 * @param {{ values: Record<string, any>, positionals: string[] }} args
 * @param {import('./main.js').IO} io
 * @returns {Promise<number>}
 */
export async function run({ values, positionals }, io) {
  const level = values.level ?? 'courier';
  const body = values.body ?? 'ad-hoc';
  if (level !== 'schema' && level !== 'courier') throw new CliError(`--level must be courier or schema, not "${level}"`);
  if (body !== 'ad-hoc' && body !== 'by-template') throw new CliError(`--body must be ad-hoc or by-template, not "${body}"`);
  if (positionals.length) throw new CliError(`schema takes no file, got ${positionals[0]}`);
  const name = schemaFile(level, body);
  let text;
  try {
    text = await readFile(new URL(`../../schemas/${name}`, import.meta.url), 'utf8');
  } catch (err) {
    throw new CliError(`schemas/${name}: ${/** @type {Error} */ (err).message} (run \`npm run generate\`)`);
  }
  io.stdout.write(text);
  return EXIT.OK;
}
