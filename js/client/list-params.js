/**
 * The query parameters of the read endpoints, as the newest official SDK names them
 * (trycourier/courier-node src/resources/automations/automations.ts `AutomationListParams`,
 * src/resources/automations/runs.ts `RunListParams`), checked before anything is sent and
 * turned into the query string. Beyond the SDK's strings: `status` and `template_id` take an
 * array too (joined with commas, as the API reads them), the dates a Date (sent as ISO 8601),
 * `limit` a number.
 */
import { assertKnownOptions } from './nearest.js';

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * @typedef {object} RunParams
 * @property {string | string[]} [status] e.g. 'PROCESSED,ERROR' or ['PROCESSED', 'ERROR']
 * @property {string | string[]} [template_id]
 * @property {string | Date} [start_date] inclusive lower bound on created_at (ISO 8601 date or timestamp)
 * @property {string | Date} [end_date] inclusive upper bound
 * @property {number | string} [limit] runs per page, 1..50 (default 20)
 * @property {string} [cursor] a previous page's next_cursor
 */

export const TEMPLATE_PARAMS = /** @type {const} */ (['cursor', 'version']);
export const RUN_PARAMS = /** @type {const} */ (['status', 'template_id', 'start_date', 'end_date', 'limit', 'cursor']);

/** @param {string} where @param {unknown} params @param {readonly string[]} known */
function checked(where, params, known) {
  if (params === undefined || params === null) return {};
  if (!isObject(params)) throw new TypeError(`${where}: params must be an object`);
  assertKnownOptions(where, params, known, 'parameter');
  return params;
}

/** @param {string} where @param {string} name @param {unknown} v */
function text(where, name, v) {
  if (typeof v !== 'string' || v === '') throw new TypeError(`${where}: ${name} must be a non-empty string`);
  return v;
}

/**
 * GET /automations?cursor=&version=
 * @param {unknown} params
 * @returns {URLSearchParams}
 */
export function templateQuery(params) {
  const where = 'listTemplates';
  const { cursor, version } = checked(where, params, TEMPLATE_PARAMS);
  const q = new URLSearchParams();
  if (version !== undefined) {
    if (version !== 'published' && version !== 'draft') throw new TypeError(`${where}: version must be "published" or "draft"`);
    q.set('version', version);
  }
  if (cursor !== undefined) q.set('cursor', text(where, 'cursor', cursor));
  return q;
}

/**
 * GET /automations/runs?status=&template_id=&start_date=&end_date=&limit=&cursor=
 * @param {unknown} params
 * @returns {URLSearchParams}
 */
export function runQuery(params) {
  const where = 'listRuns';
  const p = checked(where, params, RUN_PARAMS);
  const q = new URLSearchParams();
  for (const name of /** @type {const} */ (['status', 'template_id'])) {
    const v = p[name];
    if (v === undefined) continue;
    const list = Array.isArray(v) ? v : [v];
    if (list.length === 0 || list.some((s) => typeof s !== 'string' || s === '' || s.includes(','))) {
      throw new TypeError(`${where}: ${name} must be a non-empty string (comma-separated values) or an array of non-empty strings without commas`);
    }
    q.set(name, list.join(','));
  }
  for (const name of /** @type {const} */ (['start_date', 'end_date'])) {
    const v = p[name];
    if (v === undefined) continue;
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) throw new TypeError(`${where}: ${name} is an invalid Date`);
      q.set(name, v.toISOString());
    } else {
      q.set(name, text(where, name, v));
    }
  }
  if (p.limit !== undefined) {
    const { limit } = p;
    // The SDK types limit as a string and the API clamps it to 1..50; a number outside the
    // range is refused here rather than silently clamped.
    if (typeof limit === 'number') {
      if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new TypeError(`${where}: limit must be an integer from 1 to 50`);
      q.set('limit', String(limit));
    } else {
      q.set('limit', text(where, 'limit', limit));
    }
  }
  if (p.cursor !== undefined) q.set('cursor', text(where, 'cursor', p.cursor));
  return q;
}
