/**
 * The emulator's HTTP routes.
 *
 * Courier's wire behaviour (docs/courier-semantics.md §1.12, §6 "Emulator"):
 *   POST /automations/invoke               ad hoc run        -> 200 { runId }
 *   POST /automations/{templateId}/invoke  template run      -> 200 { runId }
 *   GET /automations, /automations/runs, /automations/runs/{id}/steps: the SDK's reads (reads.js)
 *   401 without Bearer (or Basic) auth; 400 { message, type } with Courier's message for what the
 *   invoke handler refuses first (a request-level override, no automation, "Invalid TemplateId.",
 *   no steps, "Invalid Steps Definition") and the validator's report under `report`; a template
 *   run is checked with the request as its run context before it starts; 413 over the body
 *   limit; Idempotency-Key replays the first response, per API key and path; 404/405 JSON.
 * Control API (no auth) under /__emulator/: fixtures, clock, runs, trace, messages, reset.
 *
 * Only this machine may drive it: every request must name the emulator by a loopback name (or
 * the address it was reached at) and its port in `Host` (a DNS-rebinding page names its own
 * domain), control writes must be `Content-Type: application/json` (a cross-site page cannot
 * send that without a CORS preflight, and only loopback origins pass one) and must not come
 * from a foreign `Origin`.
 */
import { addAmount, iso, parseInstant } from './clock.js';
import { HttpError, readBody, sendJson } from './http.js';
import { jsonReport, located, parseAccepted } from './body.js';
import { FIXTURE_KINDS, SimulatorTrapError, StateFullError, checkFixtureKinds, stateCost } from './world.js';
import { listRuns, listSteps, listTemplates } from './reads.js';
import { templateShapeReport } from '../client/validate.js';

/**
 * @typedef {object} Context
 * @property {any} lib the package's Node entry
 * @property {import('./world.js').World} world
 * @property {number} bodyLimit
 * @property {(token: string) => boolean} acceptKey
 * @property {Map<string, { status: number, body: unknown }>} idempotent
 * @property {Set<string>} inFlight
 */

/**
 * @param {Context} ctx
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}
 */
export function createHandler(ctx) {
  return (req, res) => {
    const refused = refuseForeign(req);
    if (refused) {
      req.resume();
      sendJson(res, refused.status, refused.body(), refused.headers);
      return;
    }
    if (allowLoopbackOrigin(req, res)) return;
    handle(ctx, req, res).catch((err) => {
      if (err instanceof HttpError) {
        sendJson(res, err.status, err.body(), err.headers);
      } else if (!res.headersSent) {
        sendJson(res, 500, { message: `Emulator error: ${err?.message ?? err}`, type: 'api_error' });
      } else {
        res.destroy();
      }
    });
  };
}

/** Pages served from this machine (the playground on 127.0.0.1:8080) may call the emulator. */
const LOOPBACK_ORIGIN = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;
const LOOPBACK_NAME = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/**
 * The refusals that come before routing (DNS rebinding, cross-site control writes), or null.
 * @param {import('node:http').IncomingMessage} req
 * @returns {HttpError | null}
 */
function refuseForeign(req) {
  const host = req.headers.host;
  if (!hostIsThisEmulator(host, req.socket)) {
    return new HttpError(403, `Host ${JSON.stringify(host ?? '')} is not this emulator: call it as http://127.0.0.1:${req.socket.localPort} or http://localhost:${req.socket.localPort}`,
      'invalid_request_error');
  }
  const path = (req.url ?? '/').split('?')[0];
  if (!path.startsWith('/__emulator') || req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return null;
  const origin = req.headers.origin;
  if (typeof origin === 'string' && !LOOPBACK_ORIGIN.test(origin)) {
    return new HttpError(403, `The control API answers pages served from this machine only, not ${origin}`, 'invalid_request_error');
  }
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    return new HttpError(415, `Control API writes need "Content-Type: application/json"${type ? `, not ${type}` : ''}`, 'invalid_request_error');
  }
  return null;
}

/**
 * `Host` names this emulator: a loopback name, or the address the connection came to (an IP
 * literal, which no DNS answer can rebind), with the port it listens on.
 * @param {string | undefined} host @param {import('node:net').Socket} socket
 */
function hostIsThisEmulator(host, socket) {
  if (typeof host !== 'string') return false;
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host.trim().toLowerCase());
  if (!m) return false;
  const port = m[2] === undefined ? 80 : Number(m[2]);
  if (port !== socket.localPort) return false;
  const name = m[1].replace(/\.$/, '');
  if (LOOPBACK_NAME.test(name)) return true;
  const local = String(socket.localAddress ?? '').replace(/^::ffff:/, '');
  return name === local || name === `[${local}]`;
}

/**
 * CORS for loopback origins only: a page on another host never gets an answer it can read.
 * Answers a preflight itself (returns true); otherwise only adds the headers.
 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
 */
function allowLoopbackOrigin(req, res) {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || !LOOPBACK_ORIGIN.test(origin)) return false;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, POST, PUT',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type',
    'Access-Control-Max-Age': '600',
  });
  res.end();
  return true;
}

/** @param {Context} ctx @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
async function handle(ctx, req, res) {
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';

  // --- Courier's endpoints ---
  if (path === '/automations/invoke') {
    allow(method, ['POST']);
    return invoke(ctx, req, res, undefined);
  }
  const byTemplate = /^\/automations\/([^/]+)\/invoke$/.exec(path);
  if (byTemplate) {
    allow(method, ['POST']);
    return invoke(ctx, req, res, pathSegment(byTemplate[1], 'template id'));
  }
  if (path === '/automations') {
    allow(method, ['GET']);
    authenticate(ctx, req);
    return sendJson(res, 200, listTemplates(ctx.world, url.searchParams));
  }
  if (path === '/automations/runs') {
    allow(method, ['GET']);
    authenticate(ctx, req);
    return sendJson(res, 200, listRuns(await ctx.world.trace(), url.searchParams));
  }
  const runSteps = /^\/automations\/runs\/([^/]+)\/steps$/.exec(path);
  if (runSteps) {
    allow(method, ['GET']);
    authenticate(ctx, req);
    return sendJson(res, 200, listSteps(await ctx.world.trace(), pathSegment(runSteps[1], 'run id')));
  }

  // --- the control API ---
  if (path === '/__emulator') {
    allow(method, ['GET']);
    return sendJson(res, 200, await status(ctx));
  }
  if (path === '/__emulator/clock') {
    allow(method, ['GET', 'POST']);
    if (method === 'POST') await moveClock(ctx, await readJson(ctx, req));
    return sendJson(res, 200, await clock(ctx));
  }
  if (path === '/__emulator/fixtures') {
    allow(method, ['GET', 'POST', 'PUT']);
    if (method !== 'GET') {
      const fixtures = checkFixtures(ctx, await readJson(ctx, req));
      if (method === 'PUT') {
        // Replacing the fixtures forgets every run, so the keys that replay them go too.
        await guardSimulator(() => ctx.world.reset({ now: ctx.world.now, fixtures }));
        ctx.idempotent.clear();
      } else {
        await guardSimulator(() => ctx.world.loadFixtures(fixtures));
      }
    }
    return sendJson(res, 200, { fixtures: ctx.world.fixtures });
  }
  if (path === '/__emulator/trace') {
    allow(method, ['GET']);
    return sendJson(res, 200, await ctx.world.trace());
  }
  if (path === '/__emulator/runs') {
    allow(method, ['GET']);
    return sendJson(res, 200, { runs: (await ctx.world.trace()).runs });
  }
  const oneRun = /^\/__emulator\/runs\/([^/]+)$/.exec(path);
  if (oneRun) {
    allow(method, ['GET']);
    const id = pathSegment(oneRun[1], 'run id');
    const trace = await ctx.world.trace();
    const run = trace.runs.find((r) => r.runId === id);
    if (!run) throw new HttpError(404, `Run ${id} not found`);
    return sendJson(res, 200, { ...run, messages: trace.messages.filter((m) => m.runId === id) });
  }
  if (path === '/__emulator/messages') {
    allow(method, ['GET']);
    const runId = url.searchParams.get('runId');
    const recipient = url.searchParams.get('recipient');
    let messages = (await ctx.world.trace()).messages;
    if (runId) messages = messages.filter((m) => m.runId === runId);
    if (recipient) messages = messages.filter((m) => m.recipient === recipient);
    return sendJson(res, 200, { messages });
  }
  if (path === '/__emulator/reset') {
    allow(method, ['POST']);
    const body = await readJson(ctx, req, true);
    const now = body.now === undefined ? ctx.world.now : parseInstant(body.now);
    if (now === undefined) throw new HttpError(400, `now must be an ISO 8601 timestamp, got ${JSON.stringify(body.now)}`);
    if (body.seed !== undefined && !(Number.isSafeInteger(body.seed) && body.seed >= 0)) {
      throw new HttpError(400, 'seed must be a non-negative integer');
    }
    const fixtures = body.fixtures === undefined ? {} : checkFixtures(ctx, body.fixtures);
    await guardSimulator(() => ctx.world.reset({ now, seed: body.seed, fixtures }));
    ctx.idempotent.clear();
    return sendJson(res, 200, await status(ctx));
  }
  throw new HttpError(404, `Not Found: ${method} ${url.pathname}`);
}

/**
 * POST /automations/invoke and /automations/{templateId}/invoke.
 * @param {Context} ctx @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res @param {string | undefined} templateId
 */
async function invoke(ctx, req, res, templateId) {
  const apiKey = authenticate(ctx, req);
  const key = header(req, 'idempotency-key');
  // Scoped per API key and path, as Courier scopes keys per tenant.
  const slot = key === undefined ? undefined : JSON.stringify([apiKey, templateId ?? null, key]);
  if (slot !== undefined) {
    const first = ctx.idempotent.get(slot);
    if (first) {
      req.resume();
      return sendJson(res, first.status, first.body, { 'Idempotent-Replayed': 'true' });
    }
    if (ctx.inFlight.has(slot)) {
      req.resume();
      throw new HttpError(409, 'A request with this Idempotency-Key is already in progress', 'invalid_request_error');
    }
    ctx.inFlight.add(slot);
  }
  try {
    const bytes = await readBody(req, ctx.bodyLimit);
    // Validation failures are not stored: the caller may fix the body and retry with the key.
    const request = templateId === undefined ? validateAdHoc(ctx, bytes) : validateTemplate(ctx, bytes, templateId);
    let outcome;
    try {
      outcome = { status: 200, body: { runId: await ctx.world.invoke(request, templateId, stateCost(bytes.length, request)) } };
    } catch (err) {
      if (err instanceof ctx.lib.ValidationError) throw invalid(err.report);
      // Neither is stored: after a reset (or on a fresh instance) the same key may succeed.
      if (err instanceof StateFullError) throw new HttpError(507, err.message, 'api_error');
      if (err instanceof SimulatorTrapError) throw new HttpError(500, `Emulator error: ${err.message}`, 'api_error');
      // Courier stores and replays 5xx answers too.
      outcome = { status: 500, body: { message: `Emulator error: ${/** @type {Error} */ (err).message}`, type: 'api_error' } };
    }
    if (slot !== undefined) ctx.idempotent.set(slot, outcome);
    return sendJson(res, outcome.status, outcome.body);
  } finally {
    if (slot !== undefined) ctx.inFlight.delete(slot);
  }
}

/** @param {Context} ctx @param {Buffer} bytes */
function validateAdHoc(ctx, bytes) {
  const report = ctx.lib.validate(new Uint8Array(bytes), { level: 'courier' });
  if (!report.valid) throw invalid(report);
  return parseAccepted(bytes);
}

/** @param {Context} ctx @param {Buffer} bytes @param {string} templateId */
function validateTemplate(ctx, bytes, templateId) {
  let body = {};
  if (bytes.length > 0) {
    const read = jsonReport(ctx.lib, new Uint8Array(bytes));
    if (!read.valid) throw invalid(read);
    body = parseAccepted(bytes);
  }
  const report = templateShapeReport(body);
  if (!report.valid) throw invalid(report);
  if (body.override) throw invalid({ valid: false, errors: [OVERRIDE], warnings: [] });
  if (!ctx.world.hasTemplate(templateId)) {
    throw new HttpError(400, 'Invalid TemplateId.', 'invalid_request_error', {
      hint: `no automation template "${templateId}": load it with POST /__emulator/fixtures { "templates": { ... } }`,
    });
  }
  // Courier checks the template's steps with this request as their run context (§1.12 step 3),
  // so a run that would fail for want of a recipient is a 400 now, never a 200 then an ERROR.
  const run = asInvokeBody(ctx.world.fixtures.templates[templateId]);
  const context = { ...run };
  for (const k of ['recipient', 'brand', 'template']) if (body[k] !== undefined) context[k] = body[k];
  for (const k of ['data', 'profile']) {
    if (body[k] !== undefined && body[k] !== null) context[k] = { ...(isObject(run[k]) ? run[k] : {}), ...body[k] };
  }
  const checked = ctx.lib.validate(context, { level: 'courier' });
  if (!checked.valid) throw invalid(checked);
  return body;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A template fixture as an invoke body: Courier stores `{steps, cancelation_token?}`. */
function asInvokeBody(template) {
  return isObject(template) && 'steps' in template && !('automation' in template) ? { automation: template } : template;
}

const OVERRIDE = {
  code: 'request.override', path: '/override',
  message: "Courier refuses a request-level \"override\"", hint: 'move it into the send or send-list steps that need it',
};

/**
 * Courier's answer to a refused body (§1.12, in the order its invoke handler checks), with the
 * validator's whole report under `report` (an emulator extension).
 * @param {{ valid: boolean, errors: any[], warnings: any[] }} report
 */
function invalid(report) {
  const has = (test) => report.errors.some(test);
  let message;
  if (has((p) => p.code === 'request.override')) {
    message = "Invalid request property. 'override' is only applicable to send and send-list steps.";
  } else if (has((p) => p.path === '/automation' && p.code === 'schema.required')) {
    message = 'Either an ad hoc automation or valid templateId is required.';
  } else if (has((p) => p.code === 'automation.steps.empty' || (p.path === '/automation/steps' && p.code.startsWith('schema.')))) {
    message = 'Invalid automation definition. An array of valid steps is required.';
  } else {
    const steps = has((p) => String(p.path).startsWith('/automation/steps'));
    message = `${steps ? 'Invalid Steps Definition' : 'Invalid Request'}: ${problemsOneLine(report.errors)}`;
  }
  return new HttpError(400, message, 'invalid_request_error', { report });
}

/** "/path: message (line L:C); ..." @param {any[]} problems */
function problemsOneLine(problems) {
  return problems.map((p) => `${p.path || '/'}: ${p.message}${p.line !== undefined ? ` (line ${p.line}:${p.column ?? 1})` : ''}`).join('; ');
}

/** Bearer <token> (Courier's documented scheme) or Basic base64(email:token); returns the key. */
function authenticate(ctx, req) {
  const auth = header(req, 'authorization') ?? '';
  const m = /^(Bearer|Basic)\s+(\S+)\s*$/i.exec(auth);
  let token;
  if (m && m[1].toLowerCase() === 'bearer') token = m[2];
  else if (m) {
    const decoded = Buffer.from(m[2], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    token = colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  if (!token || !ctx.acceptKey(token)) {
    req.resume();
    throw new HttpError(401, token ? 'Unauthorized: the API key is not valid' : 'Unauthorized: send your API key as "Authorization: Bearer <auth token>"',
      'authorization_error', {}, { 'WWW-Authenticate': 'Bearer' });
  }
  return token;
}

/** @param {string} method @param {string[]} allowed */
function allow(method, allowed) {
  if (!allowed.includes(method)) {
    throw new HttpError(405, `Method ${method} not allowed here (allowed: ${allowed.join(', ')})`, 'invalid_request_error', {}, { Allow: allowed.join(', ') });
  }
}

/** @param {import('node:http').IncomingMessage} req @param {string} name */
function header(req, name) {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A control API body, read as the invoke bodies are. @param {Context} ctx @param {import('node:http').IncomingMessage} req @param {boolean} [optional] */
async function readJson(ctx, req, optional = false) {
  const bytes = await readBody(req, ctx.bodyLimit);
  if (optional && bytes.length === 0) return {};
  const read = jsonReport(ctx.lib, new Uint8Array(bytes));
  if (!read.valid) throw new HttpError(400, `Body is not valid JSON: ${read.errors.map(located).join('; ')}`, 'invalid_request_error', { report: read });
  const value = parseAccepted(bytes);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, 'Body must be a JSON object');
  return value;
}

/** Fixture kinds checked as startEmulator and `serve --fixtures` check them. @param {Context} ctx @param {any} value */
function checkFixtures(ctx, value) {
  try {
    checkFixtureKinds(ctx.lib, value);
  } catch (err) {
    const e = /** @type {any} */ (err);
    if (e?.report) throw new HttpError(400, e.message, 'invalid_request_error', { report: e.report });
    throw err;
  }
  return value;
}

/** Runs a Simulator call whose input came from the caller; its ValidationError is a 400. */
async function guardSimulator(fn) {
  try {
    return await fn();
  } catch (err) {
    const e = /** @type {any} */ (err);
    if (e?.report) throw invalid(e.report);
    if (e instanceof SimulatorTrapError) throw new HttpError(500, `Emulator error: ${e.message}`, 'api_error');
    if (e instanceof RangeError || e instanceof TypeError) throw new HttpError(400, e.message);
    throw err;
  }
}

/** @param {Context} ctx @param {Record<string, any>} body */
async function moveClock(ctx, body) {
  const world = ctx.world;
  const given = ['to', 'advance', 'advanceMs', 'idle'].filter((k) => body[k] !== undefined);
  if (given.length !== 1) {
    throw new HttpError(400, 'Give exactly one of: { "to": ISO 8601 }, { "advance": "<n> <unit>" }, { "advanceMs": n }, { "idle": true }');
  }
  if (body.idle !== undefined) {
    if (body.idle !== true) throw new HttpError(400, 'idle must be true');
    return guardSimulator(() => world.runUntilIdle());
  }
  const target = body.to !== undefined ? parseInstant(body.to)
    : body.advance !== undefined ? addAmount(world.now, body.advance)
      : typeof body.advanceMs === 'number' ? addAmount(world.now, body.advanceMs) : undefined;
  if (target === undefined) {
    throw new HttpError(400, body.to !== undefined
      ? `to must be an ISO 8601 timestamp, got ${JSON.stringify(body.to)}`
      : `advance must be "<n> <unit>" (seconds, minutes, hours, days, weeks, months, years) or advanceMs a number of ms >= 0, got ${JSON.stringify(body.advance ?? body.advanceMs)}`);
  }
  if (target < world.now) throw new HttpError(400, `The clock cannot go back: it is ${iso(world.now)}, asked for ${iso(target)}`);
  await guardSimulator(() => world.advanceTo(target));
}

/** @param {Context} ctx */
async function clock(ctx) {
  const trace = await ctx.world.trace();
  const waiting = trace.runs.filter((r) => r.status === 'WAITING' || r.status === 'PROCESSING').length;
  return { now: iso(ctx.world.now), waitingRuns: waiting };
}

/** @param {Context} ctx */
async function status(ctx) {
  const trace = await ctx.world.trace();
  /** @type {Record<string, number>} */
  const fixtures = {};
  for (const kind of FIXTURE_KINDS) {
    const v = /** @type {any} */ (ctx.world.fixtures)[kind];
    fixtures[kind] = v ? (Array.isArray(v) ? v.length : Object.keys(v).length) : 0;
  }
  return {
    emulator: 'courier-automations',
    now: iso(ctx.world.now),
    seed: ctx.world.seed,
    runs: trace.runs.length,
    messages: trace.messages.length,
    fixtures,
    idempotencyKeys: ctx.idempotent.size,
    stateCost: ctx.world.stored.bytes,
    stateLimit: ctx.world.stored.limit,
    recoveries: ctx.world.recoveries,
  };
}

/**
 * A path segment, percent-decoded; one that does not decode (a lone "%") names nothing here: 404.
 * @param {string} raw @param {string} what
 */
function pathSegment(raw, what) {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(404, `Not Found: malformed ${what} in the path`);
  }
}
