/**
 * What the dry run's entry points take from a caller, checked before anything reaches wasm:
 * scenarios and payloads as UTF-8 bytes (objects serialized once, text encoded once, bytes as
 * they are), fixtures text decoded with the validator's fatal UTF-8 rule, and option values
 * range-checked so a 2^32 can never wrap to 0 on its way into the core.
 */
import { ValidationError } from '../errors.js';
import { stringify, objectTooDeepReport } from '../json-text.js';

const encoder = new TextEncoder();

/** The largest limit the core takes: a wasm32 size and an int both hold it. */
export const MAX_LIMIT = 2 ** 31 - 1;

/**
 * JSON text of an object, or the limit.depth report (at `path`) when it is nested too deeply for
 * JSON.stringify (its only failure on JSON values: a RangeError when the JS stack runs out).
 * @param {unknown} value @param {string} path
 * @returns {string}
 */
export function objectText(value, path) {
  const text = stringify(value);
  if (text === null) {
    const report = objectTooDeepReport();
    report.errors[0].path = path;
    throw new ValidationError(report);
  }
  if (text === undefined) throw new TypeError(`${path || 'the payload'} must be a JSON value, JSON text or bytes`);
  return text;
}

/**
 * The UTF-8 bytes of a scenario or payload: bytes as they are (the core judges their UTF-8 and
 * locates a bad byte as json.utf8), text encoded, objects serialized then encoded.
 * @param {unknown} value @returns {Uint8Array}
 */
export function inputBytes(value) {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return encoder.encode(typeof value === 'string' ? value : objectText(value, ''));
}

/** Byte offset of the first ill-formed UTF-8 sequence (WHATWG's decoder's rule), or -1. @param {Uint8Array} b */
function firstBadByte(b) {
  for (let i = 0; i < b.length;) {
    const c = b[i];
    if (c < 0x80) { i += 1; continue; }
    let n = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) { n = 2; if (c === 0xe0) lo = 0xa0; if (c === 0xed) hi = 0x9f; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; if (c === 0xf0) lo = 0x90; if (c === 0xf4) hi = 0x8f; }
    else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}

/**
 * Text given as bytes, decoded fatally: invalid UTF-8 is the same json.utf8 problem validate()
 * reports (located: line and column in code points), never a silent U+FFFD.
 * @param {Uint8Array | ArrayBuffer | string} value @param {string} path where the problem is reported
 * @returns {string}
 */
export function fatalText(value, path) {
  if (typeof value === 'string') return value;
  const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : value;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = Math.max(0, firstBadByte(bytes));
    let line = 1;
    let column = 1;
    for (let i = 0; i < at; i++) {
      if (bytes[i] === 0x0a) { line += 1; column = 1; } else if ((bytes[i] & 0xc0) !== 0x80) column += 1;
    }
    throw new ValidationError({
      valid: false,
      errors: [{ code: 'json.utf8', path, message: 'Invalid UTF-8: ill-formed UTF-8 byte', hint: 'save the file as UTF-8', line, column }],
      warnings: [],
    });
  }
}

/**
 * Range checks of the options the core reads as counts: a number beyond what the core holds is a
 * RangeError naming the option (it would otherwise wrap, e.g. 2^32 to 0). Other bad values (0,
 * -1, 1.5, a string) reach the core, which refuses them as options.limits / options.seed problems.
 * @param {any} options
 */
export function checkOptions(options) {
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  const { limits, seed } = options;
  if (limits !== null && typeof limits === 'object') {
    for (const name of ['maxRuns', 'maxEvents', 'maxInvokeDepth']) {
      const v = limits[name];
      if (typeof v === 'number' && v > MAX_LIMIT) {
        throw new RangeError(`options.limits.${name} must be at most ${MAX_LIMIT} (2^31 - 1), not ${String(v)}`);
      }
    }
  }
  if (typeof seed === 'number' && seed > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`options.seed must be at most ${Number.MAX_SAFE_INTEGER} (2^53 - 1), not ${String(seed)}`);
  }
}
