/**
 * The invoke body as a Standard Schema v1 object (standardschema.dev), so any library that
 * takes one (form, router and RPC validators) can check a body with this package's validator.
 * `validate(value)` answers synchronously once init() has resolved; before, it loads the
 * module with the entry's default source and answers with a promise (the standard allows
 * both). Problems become issues `{ message, path }` with the path as segments (numbers for
 * array indices); warnings are not issues.
 */
import { templateShapeReport } from '../client/validate.js';
import { InitError, InstanceReplacedError } from '../errors.js';
import { init } from './loader.js';
import { validate } from './validate.js';

/** @typedef {import('../index.js').Problem} Problem */

/**
 * The issues of a report's errors, paths resolved against the value (a segment is a number
 * where the value holds an array there; past the value, where it is all digits).
 * @param {Problem[]} errors @param {unknown} root
 */
function issues(errors, root) {
  return errors.map(({ code, path, message, hint }) => {
    /** @type {(string | number)[]} */
    const segments = [];
    let at = /** @type {any} */ (root);
    for (const raw of path ? path.slice(1).split('/') : []) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      const index = /^(0|[1-9]\d*)$/.test(key);
      segments.push(index && (Array.isArray(at) || at === undefined) ? Number(key) : key);
      at = at !== null && typeof at === 'object' ? at[key] : undefined;
    }
    return { message: hint ? `${message} (${hint})` : message, path: segments, code };
  });
}

/**
 * A Standard Schema v1 object for an invoke body.
 * @param {{ body?: 'ad-hoc' | 'by-template', level?: 'courier' | 'schema' }} [options]
 *   body: 'ad-hoc' (POST /automations/invoke, the full validator at `level`) or 'by-template'
 *   (POST /automations/{templateId}/invoke: the structural checks the client makes, no wasm,
 *   always synchronous, the same at either level)
 */
export function standardSchema(options = {}) {
  const { body = 'ad-hoc', level = 'courier', ...rest } = options;
  for (const key in rest) throw new TypeError(`standardSchema: unknown option "${key}" (use body, level)`);
  if (body !== 'ad-hoc' && body !== 'by-template') throw new TypeError('standardSchema: body is "ad-hoc" or "by-template"');
  if (level !== 'courier' && level !== 'schema') throw new TypeError('standardSchema: level is "courier" or "schema"');

  /** @param {unknown} input */
  const check = (input) => {
    // JSON text is the body it spells: parsed for the output value and the issues' paths.
    let value = input;
    if (typeof input === 'string') {
      try {
        value = JSON.parse(input);
      } catch {
        value = undefined;
      }
    }
    let report;
    if (body === 'by-template') {
      report = typeof input === 'string' && value === undefined
        ? { errors: [{ code: 'json.syntax', path: '', message: 'Malformed JSON' }] }
        : templateShapeReport(value);
    } else {
      // Text goes to the validator as text, so problems carry the validator's own messages.
      try {
        report = validate(input, { level });
      } catch (error) {
        // What JSON cannot hold (undefined, a cycle, a BigInt) is an issue, not an exception.
        if (!(error instanceof TypeError)) throw error;
        report = { errors: [{ code: 'json.value', path: '', message: `The value is not JSON: ${error.message}` }] };
      }
    }
    return report.errors.length ? { issues: issues(report.errors, value) } : { value };
  };

  return {
    '~standard': {
      version: /** @type {const} */ (1),
      vendor: 'courier-automations-wasm',
      /** @param {unknown} value */
      validate(value) {
        try {
          return check(value);
        } catch (error) {
          // Not initialized yet (or a fresh instance after a trap is on its way): load, then answer.
          if (error instanceof InitError && !(error instanceof InstanceReplacedError)) return init().then(() => check(value));
          throw error;
        }
      },
    },
  };
}

/** The ad hoc body at the courier level: `standardSchema()`. */
export const invokeBodySchema = /* @__PURE__ */ standardSchema();
