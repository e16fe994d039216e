/**
 * The read endpoints of the newest official SDK (trycourier/courier-node,
 * src/resources/automations/): the emulator's templates, runs and steps in Courier's shapes.
 *
 *   GET /automations?version=&cursor=                        -> { templates, cursor? }
 *   GET /automations/runs?status=&template_id=&start_date=&end_date=&limit=&cursor=
 *                                                            -> { runs, next_cursor? }
 *   GET /automations/runs/{id}/steps                         -> { steps }
 *
 * The mapping from the dry-run trace (README, `serve`): a run's runId, invokedAt, status and
 * templateId become run_id, created_at, status and template_id (the statuses have Courier's
 * names already); source is ["invoke/<template_id>"] or ["invoke/ad-hoc"]. Steps are the ones
 * the run has reached (started, finished or skipped): step_id "<run_id>-s<index>", created_at = startedAt,
 * updated_at = finishedAt (else startedAt), and message_id "<run_id>-m<index>" on a step that
 * produced messages (one id per step, as Courier gives one per send request).
 */
import { HttpError } from './http.js';

/** Courier's page size for runs: 20 by default, clamped to 1..50. */
const RUNS_LIMIT = { default: 20, min: 1, max: 50 };
/** Templates per page: the SDK names no limit; the emulator pages by 20. */
const TEMPLATES_PAGE = 20;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * GET /automations: the template fixtures, published, by id.
 * @param {import('./world.js').World} world @param {URLSearchParams} query
 */
export function listTemplates(world, query) {
  onlyParams(query, ['cursor', 'version']);
  const version = query.get('version') ?? 'published';
  if (version !== 'published' && version !== 'draft') {
    throw new HttpError(400, `version must be "published" or "draft", got ${JSON.stringify(version)}`);
  }
  // Fixtures stand for published templates: the emulator has no drafts.
  const ids = version === 'draft' ? [] : Object.keys(world.fixtures.templates ?? {}).sort();
  const start = query.has('cursor') ? decodeCursor(query.get('cursor'), 'templates').after : undefined;
  const rest = start === undefined ? ids : ids.filter((id) => id > start);
  const page = rest.slice(0, TEMPLATES_PAGE);
  /** @type {{ templates: any[], cursor?: string }} */
  const body = { templates: page.map((id) => ({ id, name: id, version: 'published' })) };
  if (rest.length > page.length) body.cursor = encodeCursor('templates', page[page.length - 1]);
  return body;
}

/**
 * GET /automations/runs: runs newest first, filtered and paged by cursor.
 * @param {any} trace the dry-run trace @param {URLSearchParams} query
 */
export function listRuns(trace, query) {
  onlyParams(query, ['cursor', 'end_date', 'limit', 'start_date', 'status', 'template_id']);
  const statuses = commaList(query.get('status'));
  const templates = commaList(query.get('template_id'));
  const from = bound(query.get('start_date'), 'start_date', false);
  const to = bound(query.get('end_date'), 'end_date', true);
  const limit = pageSize(query.get('limit'));
  // The trace lists runs in the order they started; its index breaks ties of equal times.
  const ordered = trace.runs.map((run, i) => ({ run, i, at: Date.parse(run.invokedAt) }))
    .sort((a, b) => b.at - a.at || b.i - a.i);
  const after = query.has('cursor') ? decodeCursor(query.get('cursor'), 'runs').after : undefined;
  const matching = ordered.filter(({ run, i, at }) => (
    (!statuses || statuses.includes(run.status))
    && (!templates || (run.templateId !== undefined && templates.includes(run.templateId)))
    && (from === undefined || at >= from)
    && (to === undefined || at <= to)
    && (after === undefined || at < after.at || (at === after.at && i < after.i))));
  const page = matching.slice(0, limit);
  /** @type {{ runs: any[], next_cursor?: string }} */
  const body = { runs: page.map(({ run }) => runItem(run)) };
  if (matching.length > page.length) {
    const last = page[page.length - 1];
    body.next_cursor = encodeCursor('runs', { at: last.at, i: last.i });
  }
  return body;
}

/**
 * GET /automations/runs/{id}/steps: the steps a run has reached, in order; 404 unknown run.
 * @param {any} trace @param {string} id
 */
export function listSteps(trace, id) {
  const run = trace.runs.find((r) => r.runId === id);
  if (!run) throw new HttpError(404, `Automation run ${id} not found`);
  const sent = new Set(trace.messages.filter((m) => m.runId === id).map((m) => m.stepIndex));
  const reached = (s) => s.startedAt !== null || s.finishedAt !== null || s.status !== 'NOT PROCESSED';
  const steps = run.steps.filter(reached).map((s) => {
    /** @type {Record<string, string>} */
    const step = { step_id: `${id}-s${s.index}`, action: s.action, status: s.status };
    const created = s.startedAt ?? s.finishedAt;
    const updated = s.finishedAt ?? s.startedAt;
    if (created) step.created_at = created;
    if (updated) step.updated_at = updated;
    if (sent.has(s.index)) step.message_id = `${id}-m${s.index}`;
    return step;
  });
  return { steps };
}

/** @param {any} run */
function runItem(run) {
  /** @type {Record<string, unknown>} */
  const item = {
    run_id: run.runId,
    source: [run.templateId !== undefined ? `invoke/${run.templateId}` : 'invoke/ad-hoc'],
    created_at: new Date(Date.parse(run.invokedAt)).toISOString(),
    status: run.status,
  };
  if (run.templateId !== undefined) item.template_id = run.templateId;
  return item;
}

/** An unknown parameter is a 400 that names the known ones, so a typo is not a silent no-filter. */
function onlyParams(query, known) {
  for (const name of query.keys()) {
    if (!known.includes(name)) throw new HttpError(400, `Unknown query parameter "${name}" (expected ${known.join(', ')})`);
  }
}

/** "A,B" -> ["A","B"]; absent or empty -> undefined (no filter). */
function commaList(value) {
  if (value === null) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

/**
 * start_date / end_date: an ISO 8601 date or timestamp, else 400 (as Courier). A date alone as
 * end_date takes in that whole day (inclusive bound).
 */
function bound(value, name, end) {
  if (value === null) return undefined;
  const date = ISO_DATE.test(value);
  const ms = date || ISO_TIMESTAMP.test(value) ? Date.parse(date ? `${value}T00:00:00Z` : value) : NaN;
  if (Number.isNaN(ms)) {
    throw new HttpError(400, `${name} must be an ISO 8601 date or timestamp (e.g. 2024-04-08 or 2024-04-08T08:00:00.000Z), got ${JSON.stringify(value)}`);
  }
  return date && end ? ms + 86_400_000 - 1 : ms;
}

/** Courier clamps limit to 1..50 and reads a non-numeric one as 20. */
function pageSize(value) {
  const n = value === null ? NaN : Number.parseInt(value, 10);
  if (Number.isNaN(n)) return RUNS_LIMIT.default;
  return Math.min(RUNS_LIMIT.max, Math.max(RUNS_LIMIT.min, n));
}

/** @param {'runs' | 'templates'} kind @param {unknown} after */
function encodeCursor(kind, after) {
  return Buffer.from(JSON.stringify({ k: kind, after })).toString('base64url');
}

/** @param {string | null} cursor @param {'runs' | 'templates'} kind */
function decodeCursor(cursor, kind) {
  let value;
  try {
    value = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const ok = value?.k === kind && (kind === 'templates'
    ? typeof value.after === 'string'
    : Number.isFinite(value.after?.at) && Number.isSafeInteger(value.after?.i));
  if (!ok) throw new HttpError(400, `cursor ${JSON.stringify(cursor)} is not a cursor of this list: pass back the ${kind === 'runs' ? 'next_cursor' : 'cursor'} of the previous page`);
  return value;
}
