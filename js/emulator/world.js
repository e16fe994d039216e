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

  /**
   * @param {any} lib the package's Node entry, initialized
   * @param {{ now: number, seed?: number, fixtures?: Fixtures }} options
   */
  constructor(lib, { now, seed = 0, fixtures = {} }) {
    this.#lib = lib;
    this.#start = now;
    this.#now = now;
    this.#seed = seed;
    this.#fixtures = mergeFixtures({}, fixtures);
    this.#rebuild();
  }

  /** @returns {number} epoch ms */
  get now() { return this.#now; }
  get seed() { return this.#seed; }
  /** @returns {Fixtures} */
  get fixtures() { return this.#fixtures; }
  get invocations() { return this.#log.length; }

  /** @param {string} id */
  hasTemplate(id) {
    const t = this.#fixtures.templates;
    return Boolean(t && Object.hasOwn(t, id));
  }

  /**
   * Starts a run now. Throws the Simulator's ValidationError when it refuses the request.
   * @param {unknown} request @param {string} [templateId]
   * @returns {string} the runId
   */
  invoke(request, templateId) {
    const runId = this.#invoke(request, templateId, this.#now);
    this.#log.push({ at: this.#now, request, templateId, runId });
    return runId;
  }

  /** Moves the clock forward to `to` (epoch ms), running every step due on the way. */
  advanceTo(to) {
    if (to < this.#now) throw new RangeError(`the clock cannot go back (now ${iso(this.#now)}, asked ${iso(to)})`);
    this.#sim.advance(iso(to));
    this.#now = to;
  }

  /** Runs until nothing is waiting; the clock moves to the last event (never backwards). */
  runUntilIdle() {
    this.#sim.runUntilIdle();
    const t = this.trace();
    const end = t.endedAt ? Date.parse(t.endedAt) : NaN;
    if (!Number.isNaN(end) && end > this.#now) this.#now = end;
  }

  /** The whole trace: { runs, messages, profiles, endedAt } */
  trace() {
    return this.#sim.trace();
  }

  /** @param {Fixtures} fixtures merged into the current ones (per id); rebuilds and replays */
  loadFixtures(fixtures) {
    this.#fixtures = mergeFixtures(this.#fixtures, fixtures);
    this.#rebuild();
  }

  /** Forgets every run and message; starts over at `now` with `seed` and `fixtures`. */
  reset({ now, seed = this.#seed, fixtures = {} }) {
    this.#start = now;
    this.#now = now;
    this.#seed = seed;
    this.#fixtures = mergeFixtures({}, fixtures);
    this.#log = [];
    this.#rebuild();
  }

  close() {
    this.#sim?.delete?.();
    this.#sim = null;
  }

  #rebuild() {
    this.#sim?.delete?.();
    this.#sim = new this.#lib.Simulator({ now: iso(this.#start), seed: this.#seed, fixtures: this.#fixtures });
    const target = this.#now;
    for (const entry of this.#log) {
      this.#sim.advance(iso(entry.at));
      entry.runId = this.#invoke(entry.request, entry.templateId, entry.at);
    }
    this.#sim.advance(iso(target));
  }

  /** @param {unknown} request @param {string | undefined} templateId @param {number} at */
  #invoke(request, templateId, at) {
    const result = templateId === undefined
      ? this.#sim.invoke(request, { at: iso(at) })
      : this.#sim.invoke(request, { at: iso(at), templateId });
    // Run the steps that are due at once (a send without delay), as Courier does right away.
    this.#sim.advance(iso(at));
    return typeof result === 'string' ? result : result.runId;
  }
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
