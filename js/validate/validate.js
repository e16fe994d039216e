/**
 * validate(): the payload into the module's input buffer (or, over the payload limit, not at
 * all), one caw_check call, the report read back from records.
 */
import { objectTooDeepReport, stringify } from '../json-text.js';
import { instance } from './loader.js';
import { readReport } from './report.js';

/** caw_check / caw_oversize flags */
const COURIER = 1;
const LOCATED = 2;
const encoder = new TextEncoder();

/**
 * Validates an ad hoc invoke body (POST /automations/invoke).
 * @param {unknown} payload a JS object, JSON text, or UTF-8 bytes (Uint8Array / ArrayBuffer / any view)
 * @param {{ level?: 'courier' | 'schema' }} [options]
 * @returns {import('../index.js').Report} `{ valid, errors, warnings }`; problems carry line and
 *   column for text and bytes input, not for objects
 */
export function validate(payload, { level = 'courier' } = {}) {
  let flags;
  if (level === 'courier') flags = COURIER;
  else if (level === 'schema') flags = 0;
  else throw new TypeError(`unknown validation level "${level}" (use "courier" or "schema")`);
  const wasm = instance();
  let size;
  if (payload instanceof Uint8Array || payload instanceof ArrayBuffer || ArrayBuffer.isView(payload)) {
    const bytes = payload instanceof Uint8Array ? payload
      : payload instanceof ArrayBuffer ? new Uint8Array(payload)
        : new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
    flags |= LOCATED;
    size = bytes.length;
    if (size > wasm.limit) return readReport(wasm, wasm.exports.caw_oversize(size, flags));
    const at = inputBuffer(wasm, size);
    wasm.bytes().set(bytes, at);
  } else {
    let text = payload;
    if (typeof text === 'string') {
      flags |= LOCATED;
    } else {
      text = stringify(payload);
      if (text === null) return objectTooDeepReport();
      if (text === undefined) throw new TypeError('payload must be a JSON value, JSON text or bytes');
    }
    // UTF-8 needs at most 3 bytes per UTF-16 code unit; the exact count only near the limit.
    let room = text.length * 3;
    if (room > wasm.limit) {
      room = utf8Length(text);
      if (room > wasm.limit) return readReport(wasm, wasm.exports.caw_oversize(room, flags));
    }
    const at = inputBuffer(wasm, room);
    size = encoder.encodeInto(text, wasm.bytes().subarray(at, at + room)).written;
  }
  return readReport(wasm, wasm.exports.caw_check(size, flags));
}

/**
 * The instance's input buffer, at least `size` bytes; asked of the module only when it must
 * grow (the module reuses it, and memory only grows).
 * @param {import('./loader.js').ValidatorInstance} wasm @param {number} size
 */
function inputBuffer(wasm, size) {
  if (size > wasm.inputSize || wasm.inputPtr === 0) {
    const at = wasm.exports.caw_input(Math.max(size, 1)) >>> 0;
    if (at === 0) throw new RangeError(`courier-automations-wasm: cannot allocate ${size} bytes for the payload`);
    wasm.inputPtr = at;
    wasm.inputSize = Math.max(size, 1);
  }
  return wasm.inputPtr;
}

/**
 * The UTF-8 length TextEncoder gives `text` (a lone surrogate becomes U+FFFD, 3 bytes).
 * @param {string} text
 */
function utf8Length(text) {
  let n = 0;
  for (let i = 0; i < text.length; ++i) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      ++i;
    } else n += 3;
  }
  return n;
}
