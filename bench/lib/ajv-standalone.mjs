/**
 * An ajv 8 validator precompiled from the request schema the differential test uses
 * (tests/js/support/ajv-schema.js) with `ajv/dist/standalone`, written as an ES module to a temp
 * file: the benchmarks import that file, so no code is generated (`new Function`) at measure time.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { requestSchema, ajvOptions } from '../../tests/js/support/ajv-schema.js';

/**
 * @param {{ allErrors?: boolean, dir?: string }} [options] `allErrors` overrides the
 *   differential test's setting (false: stop at the first error)
 * @returns {{ file: string, url: string, code: string, options: object }}
 */
export function writeAjvStandalone({ allErrors = ajvOptions.allErrors, dir = mkdtempSync(join(tmpdir(), 'caw-ajv-')) } = {}) {
  const options = { ...ajvOptions, allErrors };
  const ajv = new Ajv({ ...options, code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(requestSchema()));
  // The file must load on its own (in a fresh process, in a browser page): no runtime imports.
  const external = code.match(/\brequire\(|^import\s/m);
  if (external) throw new Error(`ajv standalone code imports ajv's runtime (${external[0]}); bundle it first`);
  const file = join(dir, `ajv-request${allErrors ? '-all-errors' : ''}.mjs`);
  writeFileSync(file, code);
  return { file, url: pathToFileURL(file).href, code, options };
}
