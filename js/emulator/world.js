/**
 * The emulated Courier workspace: the package's Simulator on a clock the caller controls,
 * the fixtures it reads (profiles, lists, templates, webhooks), and the log of invocations.
 *
 * The Simulator takes its fixtures when it is created, so loading fixtures later rebuilds it
 * and replays the invocation log on the same seed: the history is deterministic, run ids stay
 * the same, and the fixtures count as loaded from the start.
 */
import { iso } from './clock.js';

const FIXTURE_KINDS = /** @type {const} */ (['profiles', 'lists', 'templates', 'webhooks']);

/** @typedef {{ profiles?: Record<string, any>, lists?: Record<string, any>, templates?: Record<string, any>, webhooks?: any }} Fixtures */
/** @typedef {{ at: number, request: unknown, templateId?: string, runId: string }} Invocation */

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

  /**
   * @param {any} lib the package's Node entry, initialized
   * @param {{ now: number, seed?: number, fixtures?: Fixtures }} options
   * @returns {Promise<World>}
   */
  static async create(lib, { now, seed = 0, fixtures = {} }) {
    checkTemplates(lib, fixtures);
    const world = new World(lib, now, seed, fixtures);
    await world.#rebuild();
    return world;
  }

  /** @private use World.create */
  constructor(lib, now, seed, fixtures) {
    this.#lib = lib;
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

  /** @param {string} id */
  hasTemplate(id) {
    const t = this.#fixtures.templates;
    return Boolean(t && Object.hasOwn(t, id));
  }

  /**
   * Starts a run now. Throws the Simulator's ValidationError when it refuses the request.
   * @param {unknown} request @param {string} [templateId]
   * @returns {Promise<string>} the runId
   */
  invoke(request, templateId) {
    return this.#exclusive(async () => {
      const runId = await this.#invoke(request, templateId);
      this.#log.push({ at: this.#now, request, templateId, runId });
      return runId;
    });
  }

  /** Moves the clock forward to `to` (epoch ms), running every step due on the way. */
  advanceTo(to) {
    return this.#exclusive(async () => {
      if (to < this.#now) throw new RangeError(`the clock cannot go back (now ${iso(this.#now)}, asked ${iso(to)})`);
      await this.#sim.advance(iso(to));
      this.#now = to;
    });
  }

  /** Runs until nothing is waiting; the clock moves to the last event (never backwards). */
  runUntilIdle() {
    return this.#exclusive(async () => {
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
    return this.#exclusive(async () => this.#sim.trace());
  }

  /** @param {Fixtures} fixtures merged into the current ones (per id); rebuilds and replays */
  loadFixtures(fixtures) {
    return this.#exclusive(async () => {
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
      checkTemplates(this.#lib, fixtures);
      const previous = { start: this.#start, now: this.#now, seed: this.#seed, fixtures: this.#fixtures, log: this.#log };
      this.#start = now;
      this.#now = now;
      this.#seed = seed;
      this.#fixtures = mergeFixtures({}, fixtures);
      this.#log = [];
      try {
        await this.#rebuild();
      } catch (err) {
        ({ start: this.#start, now: this.#now, seed: this.#seed, fixtures: this.#fixtures, log: this.#log } = previous);
        await this.#rebuild();
        throw err;
      }
    });
  }

  close() {
    this.#sim?.delete();
    this.#sim = null;
  }

  /** @template T @param {() => Promise<T>} fn @returns {Promise<T>} */
  #exclusive(fn) {
    const result = this.#lock.then(fn);
    this.#lock = result.catch(() => {});
    return result;
  }

  /** A fresh Simulator from #start, with the invocation log replayed up to #now. */
  async #rebuild() {
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
