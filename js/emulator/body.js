/**
 * One reading of a request body. The validator's JSON layer decides what the bytes are (a
 * UTF-8 BOM is allowed, as Courier's body parser allows it; anything after the document, a NUL
 * included, is json.syntax at its line and column), and the value is parsed from the same bytes
 * only once the validator has accepted them, so the validator and JSON.parse never disagree into
 * a 500.
 */
import { HttpError } from './http.js';

/** Fatal: the validator already refused invalid UTF-8; ignoreBOM false strips a leading BOM. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The value of bytes the validator accepted as JSON.
 * @param {Uint8Array} bytes
 * @returns {unknown}
 */
export function parseAccepted(bytes) {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch (err) {
    // Not expected once the validator accepted the bytes; a 400 all the same, never a 500.
    throw new HttpError(400, `Body is not valid JSON: ${/** @type {Error} */ (err).message}`, 'invalid_request_error', {
      report: { valid: false, errors: [{ code: 'json.syntax', path: '', message: `body is not valid JSON: ${/** @type {Error} */ (err).message}` }], warnings: [] },
    });
  }
}

/**
 * The JSON problems (json.*) the validator finds in bytes that are not an invoke body (a
 * by-template body, a control API body): its other rules do not apply to them.
 * @param {any} lib the package's Node entry @param {Uint8Array} bytes
 * @returns {{ valid: boolean, errors: any[], warnings: any[] }}
 */
export function jsonReport(lib, bytes) {
  const report = lib.validate(bytes, { level: 'schema' });
  const errors = report.errors.filter((p) => String(p.code).startsWith('json.'));
  return { valid: errors.length === 0, errors, warnings: [] };
}

/** "message (line L:C)" of a problem. @param {any} p */
export function located(p) {
  return `${p.message}${p.line !== undefined ? ` (line ${p.line}:${p.column ?? 1})` : ''}`;
}
