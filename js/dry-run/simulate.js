/**
 * The dry run: simulate an ad hoc automation (or a whole scenario) on a virtual clock and get
 * its trace. No network, no real waiting. Formats: docs/dry-run.md.
 */
import { init, instance } from './runtime.js';
import { toJsonInput, toJsonText } from '../json-text.js';
import { ValidationError } from '../errors.js';

/**
 * @typedef {{ method: string, url: string, headers?: object, body?: unknown, params?: object }} FetchRequest
 * @typedef {{
 *   detail?: 'full' | 'summary',
 *   now?: string | Date,
 *   seed?: number,
 *   fetch?: (request: FetchRequest) => unknown | Promise<unknown>,
 *   limits?: { maxRuns?: number, maxEvents?: number, maxInvokeDepth?: number },
 *   fixtures?: object | string | Uint8Array | ArrayBuffer,
 * }} DryRunOptions
 */

function optionsJson(options, externalFetch) {
  const o = {};
  if (options.detail !== undefined) o.detail = options.detail;
  if (options.now !== undefined) o.now = options.now instanceof Date ? options.now.toISOString() : String(options.now);
  if (options.seed !== undefined) o.seed = options.seed;
  if (options.limits !== undefined) o.limits = options.limits;
  // As text when given as text, so the core locates their problems in it.
  if (options.fixtures !== undefined) {
    const f = options.fixtures;
    o.fixtures = typeof f === 'string' || f instanceof Uint8Array || f instanceof ArrayBuffer ? toJsonText(f) : f;
  }
  if (externalFetch) o.externalFetch = true;
  return JSON.stringify(o);
}

/** Answers every pending fetch-data step of `handle` with the caller's resolver. */
async function answerFetches(handle, fetch, target) {
  for (;;) {
    if (target) handle.advance(target); else handle.runUntilIdle();
    const pending = handle.pendingFetch();
    if (!pending) return;
    let ok = true;
    let text = '{}';
    try {
      const response = await fetch(JSON.parse(pending));
      text = JSON.stringify(response === undefined ? {} : response);
    } catch {
      ok = false;  // as in Courier: a failing call is seen as {}
    }
    handle.resolveFetch(text, ok);
  }
}

/**
 * Runs a scenario (or a bare ad hoc invoke body) until nothing is left to do and returns the
 * trace object. Synchronous; a `fetch` resolver needs the async dryRun.
 * @param {unknown} scenarioOrPayload an object, JSON text, or UTF-8 bytes
 * @param {Omit<DryRunOptions, 'fetch'>} [options]
 * @returns {any} the trace
 * @throws {ValidationError} when the scenario or one of its requests has errors
 */
export function dryRunSync(scenarioOrPayload, options = {}) {
  if (typeof options.fetch === 'function') throw new TypeError('dryRunSync cannot await a fetch resolver: use dryRun');
  const out = instance().dryRun(toJsonInput(scenarioOrPayload), optionsJson(options, false));
  const value = JSON.parse(out.text);
  if (!out.ok) throw new ValidationError(value, invalidMessage(value));
  return value;
}

/**
 * Like dryRunSync, always async: loads the wasm if needed and, when `options.fetch` is given,
 * awaits it for every fetch-data step that has no webhook fixture.
 * @param {unknown} scenarioOrPayload
 * @param {DryRunOptions} [options]
 * @returns {Promise<any>} the trace
 */
export async function dryRun(scenarioOrPayload, options = {}) {
  await init();
  if (typeof options.fetch !== 'function') return dryRunSync(scenarioOrPayload, options);
  const handle = new (instance().Simulator)(toJsonInput(scenarioOrPayload), optionsJson(options, true));
  try {
    if (!handle.ok()) {
      const report = JSON.parse(handle.report());
      throw new ValidationError(report, invalidMessage(report));
    }
    await answerFetches(handle, options.fetch, null);
    return JSON.parse(handle.trace());
  } finally {
    handle.delete();
  }
}

function invalidMessage(report) {
  const first = report.errors?.[0];
  if (!first) return 'Invalid scenario';
  const more = report.errors.length > 1 ? ` (and ${report.errors.length - 1} more)` : '';
  return `Invalid scenario: ${first.message} at ${first.path || '/'}${more}`;
}

const registry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((handle) => { try { handle.delete(); } catch { /* already gone */ } })
  : null;

/**
 * Stepwise control: invoke runs, move the virtual clock, read the trace at any point.
 * Instances hold wasm memory: call delete() (idempotent; a FinalizationRegistry is only a safety net).
 */
export class Simulator {
  #handle;
  #fetch;

  /** @private use Simulator.create */
  constructor(handle, fetch) {
    this.#handle = handle;
    this.#fetch = fetch;
    registry?.register(this, handle, this);
  }

  /**
   * @param {{ now?: string | Date, seed?: number, detail?: 'full' | 'summary', fixtures?: object,
   *   fetch?: DryRunOptions['fetch'], limits?: DryRunOptions['limits'] }} [options]
   * @returns {Promise<Simulator>}
   */
  static async create(options = {}) {
    await init();
    const scenario = { invocations: [] };
    if (options.fixtures !== undefined) scenario.fixtures = options.fixtures;
    const fetch = typeof options.fetch === 'function' ? options.fetch : null;
    const handle = new (instance().Simulator)(JSON.stringify(scenario), optionsJson({ ...options, fixtures: undefined }, !!fetch));
    if (!handle.ok()) {
      const report = JSON.parse(handle.report());
      handle.delete();
      throw new ValidationError(report, invalidMessage(report));
    }
    return new Simulator(handle, fetch);
  }

  #live() {
    if (!this.#handle) throw new Error('Simulator was deleted');
    return this.#handle;
  }

  /**
   * Starts a run now (or schedules it at `at`). Returns its run id, or null when scheduled later.
   * @param {unknown} payload an ad hoc invoke body (or, with templateId, an invoke-by-template body)
   * @param {{ at?: string | Date, templateId?: string }} [options]
   * @returns {string | null}
   */
  invoke(payload, options = {}) {
    const invocation = { request: typeof payload === 'string' ? JSON.parse(payload) : payload };
    if (options.at !== undefined) invocation.at = options.at instanceof Date ? options.at.toISOString() : String(options.at);
    if (options.templateId !== undefined) invocation.templateId = options.templateId;
    const out = JSON.parse(this.#live().invoke(JSON.stringify(invocation)));
    if (!out.ok) throw new ValidationError(out.report, invalidMessage(out.report));
    return out.runId;
  }

  /**
   * Moves the clock by a duration ("1 day", "30 minutes") or to an instant, running what falls due.
   * @param {string | Date} durationOrUntil
   * @returns {Promise<void>}
   */
  async advance(durationOrUntil) {
    const h = this.#live();
    const what = durationOrUntil instanceof Date ? durationOrUntil.toISOString() : String(durationOrUntil);
    const target = h.resolveTime(what);
    if (!target) throw new RangeError(h.advance(what) || `cannot advance by ${what}`);
    if (this.#fetch) {
      await answerFetches(h, this.#fetch, target);
    } else {
      const error = h.advance(target);
      if (error) throw new RangeError(error);
    }
  }

  /** Runs every scheduled event (auto time-skipping). @returns {Promise<void>} */
  async runUntilIdle() {
    const h = this.#live();
    if (this.#fetch) await answerFetches(h, this.#fetch, null); else h.runUntilIdle();
  }

  /** The virtual clock, ISO 8601. */
  now() {
    return this.#live().now();
  }

  /** The trace so far (docs/dry-run.md). */
  trace() {
    return JSON.parse(this.#live().trace());
  }

  /** Frees the wasm instance. Safe to call twice. */
  delete() {
    if (!this.#handle) return;
    registry?.unregister(this);
    this.#handle.delete();
    this.#handle = null;
  }
}
