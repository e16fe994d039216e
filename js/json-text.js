/**
 * A payload as JSON text: objects are serialized with JSON.stringify, whose one failure mode
 * on JSON values (a RangeError: the JS stack ran out long before the core's depth limit of 128
 * would have said so) becomes the same report the core gives for text nested too deeply.
 */
import { ValidationError } from './errors.js';

/**
 * JSON.stringify, or null when the object is nested too deeply for it.
 * @param {unknown} payload
 * @returns {string | null | undefined} undefined for what JSON cannot represent (undefined, a function)
 */
export function stringify(payload) {
  try {
    return JSON.stringify(payload);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** The report for an object too deep to serialize: the same code as for deep text. */
export function objectTooDeepReport() {
  return {
    valid: false,
    errors: [{
      code: 'limit.depth',
      path: '',
      message: 'The payload object is nested too deeply to serialize as JSON (JSON.stringify ran out of stack)',
      hint: 'flatten the payload; the depth limit is Limits::max_depth',
    }],
    warnings: [],
  };
}

/**
 * The payload for the dry-run module: JSON text, or bytes handed over as they are (Embind copies
 * a Uint8Array into a std::string), so the core judges their UTF-8 itself: invalid UTF-8 is the
 * same located json.utf8 problem as in validate(), never silently replaced by U+FFFD.
 * @param {unknown} payload a JS value, JSON text, or UTF-8 bytes
 * @returns {string | Uint8Array}
 * @throws {ValidationError} for an object nested too deeply to serialize
 */
export function toJsonInput(payload) {
  if (payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  return toJsonText(payload);
}

/**
 * @param {unknown} payload a JS value, JSON text, or UTF-8 bytes
 * @returns {string} JSON text
 * @throws {ValidationError} for an object nested too deeply to serialize
 */
export function toJsonText(payload) {
  if (typeof payload === 'string') return payload;
  if (payload instanceof Uint8Array || payload instanceof ArrayBuffer) {
    return new TextDecoder('utf-8', { fatal: false }).decode(payload);
  }
  const text = stringify(payload);
  if (text === null) throw new ValidationError(objectTooDeepReport());
  if (text === undefined) throw new TypeError('payload must be a JSON value, JSON text or bytes');
  return text;
}
