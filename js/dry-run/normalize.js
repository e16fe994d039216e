import { instance } from './runtime.js';
import { instance as validator } from '../validate/loader.js';
import { validate } from '../validate/validate.js';
import { toJsonInput } from '../json-text.js';
import { ValidationError } from '../errors.js';

/**
 * Canonical JSON of an ad hoc invoke body: the schema's field order, meaning unchanged.
 * @param {unknown} payload an object, JSON text, or UTF-8 bytes
 * @param {{ indent?: number }} [options]
 * @returns {string}
 * @throws {ValidationError} when the payload is malformed or has the wrong shape
 */
export function normalize(payload, options = {}) {
  const input = toJsonInput(payload);
  // Input over the payload limit gets validate()'s limit.payload_bytes report before anything is
  // copied into the dry-run module's memory (which would grow for good, or trap past 2 GiB).
  // UTF-8 takes at least one byte per UTF-16 code unit, so a string's length is a lower bound.
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > validator().limit) throw new ValidationError(validate(input));
  const out = instance().normalize(input, options.indent ?? -1);
  if (!out.ok) throw new ValidationError(JSON.parse(out.report));
  return out.output;
}
