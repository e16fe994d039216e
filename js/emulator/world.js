/**
 * The emulated Courier workspace: the package's Simulator on a clock the caller controls,
 * the fixtures it reads (profiles, lists, templates, webhooks), and the log of invocations.
 *
 * The Simulator takes its fixtures when it is created, so loading fixtures later rebuilds it
 * and replays the invocation log on the same seed: the history is deterministic, run ids stay
 * the same, and the fixtures count as loaded from the start.
 *
 * The same replay brings the workspace back when the wasm instance traps (out of memory at its
 * ceiling, or a bug): the loader replaces the instance, the World rebuilds its Simulator on the
 * fresh one from the log and runs the interrupted call once more. What runs hold is bounded by
 * `stateLimit` (bytes of stored request bodies), so the state itself always fits in a fresh
 * instance, with room for its trace.
 */
import { iso } from './clock.js';
import { nearest } from '../client/nearest.js';

const FIXTURE_KINDS = /** @type {const} */ (['profiles', 'lists', 'templates', 'webhooks']);

/** @typedef {{ profiles?: Record<string, any>, lists?: Record<string, any>, templates?: Record<string, any>, webhooks?: any }} Fixtures */
/** @typedef {{ at: number, request: unknown, templateId?: string, runId: string, size: number }} Invocation */

/**
 * Default `stateLimit`. A run keeps about three copies of its request in wasm memory (measured:
 * 3.0 MiB per 1 MiB string-heavy body, 16 MiB per 1.25 MiB body of 75,000 small members), and
 * building the trace needs about twice the state again: 64 MiB of stateCost peaks near 600 MiB,
 * a third of the 2 GiB ceiling, so the state always fits a fresh instance when it is replayed.
 */
export const DEFAULT_STATE_LIMIT = 64 * 1024 * 1024;

/** What one JSON value costs in the core beyond its text (a node, a map entry), measured. */
const VALUE_COST = 32;

/**
 * What a request counts against `stateLimit`: its bytes plus VALUE_COST per JSON value, an
 * estimate of the wasm memory its run holds (about three times this) that a body of many small
 * members cannot cheat.
 * @param {number} bytes @param {unknown} value the parsed body
 */
export function stateCost(bytes, value) {
  let values = 0;
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    values += 1;
    if (v !== null && typeof v === 'object') {
      for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push(child);
    }
  }
  return bytes + VALUE_COST * values;
}

/** An invoke refused because the runs already hold `stateLimit` bytes of requests. */
export class StateFullError extends Error {
  /** @param {number} limit @param {number} runs */
  constructor(limit, runs) {
    super(`The emulator holds ${runs} runs whose requests use its state limit (${limit} bytes of stateCost); ` +
      'reset it (POST /__emulator/reset) or start it with a larger stateLimit');
    this.name = 'StateFullError';
  }
}

/** A call that trapped the wasm instance twice in a row (on the old instance and on a fresh one). */
export class SimulatorTrapError extends Error {
  /** @param {unknown} cause */
  constructor(cause) {
    super('The simulator trapped on this request twice (once more after a fresh instance); the emulator\'s state is kept', { cause });
    this.name = 'SimulatorTrapError';
  }
}

export class World {
  /** @type {any} the package's Node entry */
  #lib;
  /** @type {any} the Simulator instance */
  #sim = null;
  /** epoch ms where this history starts */
  #start;
  #seed;
  /** @type {Fixtures} */
  #fixtures = {};
  /** @type {Invocation[]} */
  #log = [];
  /** epoch ms */
  #now;
  /** Every change goes through this chain, so concurrent requests never interleave. */
  #lock = Promise.resolve();
  /** stateCost of the requests in #log */
  #stored = 0;
  #stateLimit;
  /** the parsed trace until the next change: reads never rebuild it in wasm memory */
  #traceCache = null;
  /** how many trapped instances this World has recovered from */
  #recoveries = 0;

  /**
   * @param {any} lib the package's Node entry, initialized
   * @param {{ now: number, seed?: number, fixtures?: Fixtures, stateLimit?: number }} options
   * @returns {Promise<World>}
   */
  static async create(lib, { now, seed = 0, fixtures = {}, stateLimit = DEFAULT_STATE_LIMIT }) {
    checkFixtureKinds(lib, fixtures);
    checkTemplates(lib, fixtures);
    const world = new World(lib, now, seed, fixtures, stateLimit);
    await world.#rebuild();
    return world;
  }

  /** @private use World.create */
  constructor(lib, now, seed, fixtures, stateLimit) {
    this.#lib = lib;
    this.#stateLimit = stateLimit;
    this.#start = now;
    this.#now = now;
    this.#seed = seed;
    this.#fixtures = mergeFixtures({}, fixtures);
  }

  /** @returns {number} epoch ms */
  get now() { return this.#now; }
  get seed() { return this.#seed; }
  /** @returns {Fixtures} */
  get fixtures() { return this.#fixtures; }
  /** How many times a trapped wasm instance was replaced and this state replayed onto the fresh one. */
  get recoveries() { return this.#recoveries; }
  /** Bytes of stored request bodies, and the limit. */
  get stored() { return { bytes: this.#stored, limit: this.#stateLimit }; }

  /** @param {string} id */
  hasTemplate(id) {
    const t = this.#fixtures.templates;
    return Boolean(t && Object.hasOwn(t, id));
  }

  /**
   * Starts a run now. Throws the Simulator's ValidationError when it refuses the request, a
   * StateFullError when the runs already hold `stateLimit` bytes of requests.
   * @param {unknown} request @param {string} [templateId] @param {number} [size] the request's stateCost
   * @returns {Promise<string>} the runId
   */
  invoke(request, templateId, size = 0) {
    return this.#exclusive(async () => {
      if (this.#stored + size > this.#stateLimit) throw new StateFullError(this.#stateLimit, this.#log.length);
      this.#traceCache = null;
      const runId = await this.#invoke(request, templateId);
      this.#log.push({ at: this.#now, request, templateId, runId, size });
      this.#stored += size;
      return runId;
    });
  }

  /** Moves the clock forward to `to` (epoch ms), running every step due on the way. */
  advanceTo(to) {
    return this.#exclusive(async () => {
      if (to < this.#now) throw new RangeError(`the clock cannot go back (now ${iso(this.#now)}, asked ${iso(to)})`);
      this.#traceCache = null;
      await this.#sim.advance(iso(to));
      this.#now = to;
    });
  }

  /** Runs until nothing is waiting; the clock moves to the last event (never backwards). */
  runUntilIdle() {
    return this.#exclusive(async () => {
      this.#traceCache = null;
      await this.#sim.runUntilIdle();
      const end = Date.parse(this.#sim.now());
      if (!Number.isNaN(end) && end > this.#now) this.#now = end;
    });
  }

  /**
   * The whole trace { runs, messages, profiles, endedAt }, read between changes (never halfway
   * through a replay).
   * @returns {Promise<any>}
   */
  trace() {
    return this.#exclusive(async () => (this.#traceCache ??= this.#sim.trace()));
  }

  /** @param {Fixtures} fixtures merged into the current ones (per id); rebuilds and replays */
  loadFixtures(fixtures) {
    return this.#exclusive(async () => {
      checkFixtureKinds(this.#lib, fixtures);
      checkTemplates(this.#lib, fixtures);
      const previous = this.#fixtures;
      this.#fixtures = mergeFixtures(this.#fixtures, fixtures);
      try {
        await this.#rebuild();
      } catch (err) {
        this.#fixtures = previous;
        await this.#rebuild();
        throw err;
      }
    });
  }

  /** Forgets every run and message; starts over at `now` with `seed` and `fixtures`. */
  reset({ now, seed = this.#seed, fixtures = {} }) {
    return this.#exclusive(async () => {
      checkFixtureKinds(this.#lib, fixtures);
      checkTemplates(this.#lib, fixtures);
      const previous = { start: this.#start, now: this.#now, seed: this.#seed, fixtures: this.#fixtures, log: this.#log };
      this.#start = now;
      this.#now = now;
      this.#seed = seed;
      this.#fixtures = mergeFixtures({}, fixtures);
      this.#log = [];
      this.#stored = 0;
      try {
        await this.#rebuild();
      } catch (err) {
        ({ start: this.#start, now: this.#now, seed: this.#seed, fixtures: this.#fixtures, log: this.#log } = previous);
        this.#stored = this.#log.reduce((n, e) => n + e.size, 0);
        await this.#rebuild();
        throw err;
      }
    });
  }

  close() {
    this.#sim?.delete();
    this.#sim = null;
  }

  /**
   * Runs `fn` alone. When the wasm instance traps under it (InstanceReplacedError), the state is
   * replayed onto the fresh instance and `fn` runs once more; a second trap is recovered from
   * too, then reported as a SimulatorTrapError (the state stays as it was before the call).
   * @template T @param {() => Promise<T>} fn @returns {Promise<T>}
   */
  #exclusive(fn) {
    const attempt = async () => {
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof this.#lib.InstanceReplacedError)) throw err;
        await this.#recover();
      }
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof this.#lib.InstanceReplacedError)) throw err;
        await this.#recover();
        throw new SimulatorTrapError(err);
      }
    };
    const result = this.#lock.then(attempt);
    this.#lock = result.catch(() => {});
    return result;
  }

  /** A Simulator on the fresh instance, with the log replayed (the trapped one is never called again). */
  async #recover() {
    this.#recoveries += 1;
    this.#sim = null;
    await this.#lib.init();  // where the fresh instance could not be made synchronously
    await this.#rebuild();
  }

  /** A fresh Simulator from #start, with the invocation log replayed up to #now. */
  async #rebuild() {
    this.#traceCache = null;
    const sim = await this.#lib.Simulator.create({ now: iso(this.#start), seed: this.#seed, fixtures: this.#fixtures });
    const old = this.#sim;
    this.#sim = sim;
    old?.delete();
    const target = this.#now;
    for (const entry of this.#log) {
      this.#now = entry.at;
      await sim.advance(iso(entry.at));
      entry.runId = await this.#invoke(entry.request, entry.templateId);
    }
    this.#now = target;
    await sim.advance(iso(target));
  }

  /** @param {unknown} request @param {string | undefined} templateId */
  async #invoke(request, templateId) {
    const runId = this.#sim.invoke(request, templateId === undefined ? {} : { templateId });
    // Run at once what is due now (a send with no delay before it), as Courier does.
    await this.#sim.advance(iso(this.#now));
    return runId;
  }
}

/**
 * Fixtures are an object of known kinds. An unknown kind (`template` for `templates`) is an
 * error with the nearest kind, wherever fixtures come in (startEmulator, `serve --fixtures`,
 * the control API), never silently dropped.
 * @param {any} lib @param {unknown} fixtures
 * @throws {ValidationError} code scenario.fixtures, as the dry run's own check
 */
export function checkFixtureKinds(lib, fixtures) {
  const kinds = FIXTURE_KINDS.join(', ');
  if (fixtures === null || typeof fixtures !== 'object' || Array.isArray(fixtures)) {
    const error = { code: 'scenario.fixtures', path: '', message: `fixtures must be an object { ${kinds} }` };
    throw new lib.ValidationError({ valid: false, errors: [error], warnings: [] }, `Invalid fixtures: ${error.message}`);
  }
  const errors = Object.keys(fixtures).filter((k) => !FIXTURE_KINDS.includes(/** @type {any} */ (k))).map((k) => ({
    code: 'scenario.fixtures',
    path: `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`,
    message: `unknown fixture kind "${k}"`,
    hint: `did you mean "${nearest(k, FIXTURE_KINDS)}"? (kinds: ${kinds})`,
  }));
  if (errors.length) {
    const first = errors[0];
    throw new lib.ValidationError({ valid: false, errors, warnings: [] },
      `Invalid fixtures: ${first.message} at ${first.path}; ${first.hint}`);
  }
}

/**
 * What a by-template invoke body ({ recipient, template }) can still supply at run time: the
 * filling of send / send-list steps (§1.12; update-profile's recipient_id is not filled).
 */
const RESOLVED_AT_INVOKE = new Set(['send.recipient.missing', 'send.template.missing', 'send-list.template.missing']);

/**
 * Template fixtures are written as Courier stores them ({steps, cancelation_token?}) or as ad
 * hoc invoke bodies: the validator's courier rules apply to them as to any request (except a
 * missing recipient or template, which the invoke body may give), so a broken template is
 * refused when it is loaded, not when it runs.
 * @param {any} lib @param {Fixtures} fixtures
 * @throws {ValidationError} with paths under /templates/<id>
 */
function checkTemplates(lib, fixtures) {
  const templates = fixtures?.templates;
  if (templates === null || typeof templates !== 'object' || Array.isArray(templates)) return; // the Simulator reports it
  const errors = [];
  const warnings = [];
  for (const [id, body] of Object.entries(templates)) {
    const stored = body !== null && typeof body === 'object' && 'steps' in body && !('automation' in body);
    const report = lib.validate(stored ? { automation: body } : body, { level: 'courier' });
    const at = (p) => (stored ? p.path.replace(/^\/automation/, '') : p.path);
    const prefix = (p) => ({ ...p, path: `/templates/${id.replace(/~/g, '~0').replace(/\//g, '~1')}${at(p)}` });
    errors.push(...report.errors.filter((e) => !RESOLVED_AT_INVOKE.has(e.code)).map(prefix));
    warnings.push(...report.warnings.map(prefix));
  }
  if (errors.length) throw new lib.ValidationError({ valid: false, errors, warnings });
}

/** @param {Fixtures} base @param {Fixtures} extra @returns {Fixtures} */
export function mergeFixtures(base, extra) {
  /** @type {any} */
  const out = { ...base };
  for (const kind of FIXTURE_KINDS) {
    const v = /** @type {any} */ (extra)?.[kind];
    if (v === undefined) continue;
    out[kind] = Array.isArray(v) ? [...(Array.isArray(out[kind]) ? out[kind] : []), ...v] : { ...(out[kind] ?? {}), ...v };
  }
  return out;
}

export { FIXTURE_KINDS };
