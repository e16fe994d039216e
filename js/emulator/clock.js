/**
 * The emulator's clock arithmetic: ISO instants, and the `advance` amounts the control API
 * accepts ("90 minutes", "1 day", "2 months", or milliseconds). Calendar units add the way
 * date-fns `add` does in UTC: months and years clamp to the end of the month.
 */

const FIXED_MS = {
  second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000,
};

/**
 * @param {unknown} value an ISO 8601 instant (extended or basic, offset-less read as UTC) or epoch ms
 * @returns {number | undefined} epoch ms
 */
export function parseInstant(value) {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value !== 'string') return undefined;
  let text = value.trim();
  // Basic format 20240408T080910.123 -> extended.
  const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (basic) {
    const [, y, mo, d, h, mi, s = '00', frac = '', off = ''] = basic;
    text = `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${off}`;
  }
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return undefined;
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(text)) text += text.includes('T') ? 'Z' : 'T00:00:00Z';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * @param {number} from epoch ms
 * @param {unknown} amount milliseconds, or "<n> <unit>" (second(s) … year(s))
 * @returns {number | undefined} epoch ms, undefined when the amount is not understood
 */
export function addAmount(from, amount) {
  if (typeof amount === 'number') return Number.isFinite(amount) && amount >= 0 ? from + Math.trunc(amount) : undefined;
  if (typeof amount !== 'string') return undefined;
  const m = /^\s*(\d+)\s*(seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s*$/.exec(amount);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2].replace(/s$/, '');
  if (unit in FIXED_MS) return from + n * FIXED_MS[/** @type {keyof typeof FIXED_MS} */ (unit)];
  const months = unit === 'year' ? n * 12 : n;
  const d = new Date(from);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.getTime();
}

/** @param {number} ms */
export function iso(ms) {
  return new Date(ms).toISOString();
}
