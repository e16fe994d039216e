import { instance } from './runtime.js';
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
  const out = instance().normalize(toJsonInput(payload), options.indent ?? -1);
  if (!out.ok) throw new ValidationError(JSON.parse(out.report));
  return out.output;
}
