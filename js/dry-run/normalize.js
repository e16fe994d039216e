import { instance } from './runtime.js';
import { toJsonInput } from '../json-text.js';
import { ValidationError } from '../errors.js';

/** Inputs from this size up are first shown to validate(), which answers over-limit ones from JS. */
const PRECHECK_BYTES = 1 << 20;

/** @type {((payload: string | Uint8Array, options: { level: 'schema' }) => import('../index.js').Report) | null} */
let mainValidate = null;

/**
 * The main entry's validate, handed over by the runtime entry (js/dry-run/node.js, ...): the
 * bundle keeps the main entry as an import, so its loader, already initialized by init(), is the
 * one used here (importing ../validate/ directly would bundle a second, never-initialized copy).
 * @param {typeof mainValidate} validate
 */
export function useValidator(validate) {
  mainValidate = validate;
}

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
  // copied into this module's memory (it would grow for good, and trap past 2 GiB).
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size >= PRECHECK_BYTES && mainValidate) {
    const report = mainValidate(input, { level: 'schema' });
    if (report.errors.some((e) => e.code === 'limit.payload_bytes')) throw new ValidationError(report);
  }
  const out = instance().normalize(input, options.indent ?? -1);
  if (!out.ok) throw new ValidationError(JSON.parse(out.report));
  return out.output;
}
