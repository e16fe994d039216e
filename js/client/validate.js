/**
 * Checks the client runs before sending. It never imports wasm: the package's full
 * validator is passed in as the `validator` option (the main entry's `validate`). Without
 * one, only structural checks that plain JS does cheaply are made, so the client refuses
 * obvious mistakes (a string body, steps not an array) but not, e.g., a malformed delay.
 */
import { ValidationError } from '../errors.js';

/** @typedef {{ code: string, path: string, message: string, hint?: string, line?: number, column?: number }} Problem */
/** @typedef {{ valid: boolean, errors: Problem[], warnings: Problem[] }} Report */

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** @param {string} path @param {string} type @param {unknown} v @returns {Problem} */
const typeProblem = (path, type, v) => ({
  code: 'client.type',
  path,
  message: `expected ${type}, got ${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v}`,
});

/** @param {Problem[]} errors @returns {Report} */
const report = (errors) => ({ valid: errors.length === 0, errors, warnings: [] });

/**
 * Structural checks of an ad hoc body: an object whose `automation` is an object whose
 * `steps` is a non-empty array of objects, each with a non-empty string `action`.
 * @param {unknown} body
 * @returns {Report}
 */
export function adHocShapeReport(body) {
  if (!isObject(body)) return report([typeProblem('', 'an object', body)]);
  const automation = body.automation;
  if (automation === undefined) {
    return report([{ code: 'client.required', path: '/automation', message: 'automation is required' }]);
  }
  if (!isObject(automation)) return report([typeProblem('/automation', 'an object', automation)]);
  const steps = automation.steps;
  if (steps === undefined) {
    return report([{ code: 'client.required', path: '/automation/steps', message: 'automation.steps is required' }]);
  }
  if (!Array.isArray(steps)) return report([typeProblem('/automation/steps', 'an array', steps)]);
  if (steps.length === 0) {
    return report([{ code: 'client.min_items', path: '/automation/steps', message: 'automation.steps must have at least one step' }]);
  }
  /** @type {Problem[]} */
  const errors = [];
  steps.forEach((step, i) => {
    const path = `/automation/steps/${i}`;
    if (!isObject(step)) errors.push(typeProblem(path, 'an object', step));
    else if (step.action === undefined) errors.push({ code: 'client.required', path: `${path}/action`, message: 'action is required' });
    else if (typeof step.action !== 'string' || step.action === '') errors.push(typeProblem(`${path}/action`, 'a non-empty string', step.action));
  });
  return report(errors);
}

/**
 * Structural checks of a by-template body: an object; `recipient`, `brand`, `template`
 * strings or null; `data`, `profile` objects or null (when present).
 * @param {unknown} body
 * @returns {Report}
 */
export function templateShapeReport(body) {
  if (!isObject(body)) return report([typeProblem('', 'an object', body)]);
  /** @type {Problem[]} */
  const errors = [];
  for (const k of ['recipient', 'brand', 'template']) {
    const v = body[k];
    if (v !== undefined && v !== null && typeof v !== 'string') errors.push(typeProblem(`/${k}`, 'a string or null', v));
  }
  for (const k of ['data', 'profile']) {
    const v = body[k];
    if (v !== undefined && v !== null && !isObject(v)) errors.push(typeProblem(`/${k}`, 'an object or null', v));
  }
  return report(errors);
}

/**
 * Runs the validator (or the structural checks) and throws when the body is refused.
 * @param {unknown} body
 * @param {((body: unknown, options: { level: 'courier' }) => Report | Promise<Report>) | undefined} validator
 * @returns {Promise<void>}
 * @throws {ValidationError}
 */
export async function assertValidAdHoc(body, validator) {
  const result = validator ? await validator(body, { level: 'courier' }) : adHocShapeReport(body);
  if (!result || typeof result !== 'object' || typeof result.valid !== 'boolean' || !Array.isArray(result.errors)) {
    throw new TypeError('validator must return a report { valid, errors, warnings }');
  }
  if (!result.valid) throw new ValidationError(result);
}

/**
 * @param {unknown} body
 * @throws {ValidationError}
 */
export function assertValidTemplateBody(body) {
  const result = templateShapeReport(body);
  if (!result.valid) throw new ValidationError(result);
}
