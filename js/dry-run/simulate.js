/**
 * The dry run: simulate an ad hoc automation (or a whole scenario) on a virtual clock and get
 * its trace. No network, no real waiting. Formats: docs/dry-run.md.
 */
import { init, instance } from './runtime.js';
import { ValidationError, InstanceReplacedError } from '../errors.js';
import { checkOptions, fatalText, inputBytes, objectText } from './input.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

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

/**
 * The options as JSON text for the core. Fixtures given as text or bytes travel as a string (the
 * core locates their problems in it); as an object, their JSON is spliced in as it is.
 */
function optionsJson(options, externalFetch) {
  checkOptions(options);
  const o = {};
  if (options.detail !== undefined) o.detail = options.detail;
  if (options.now !== undefined) o.now = options.now instanceof Date ? options.now.toISOString() : String(options.now);
  if (options.seed !== undefined) o.seed = options.seed;
  if (options.limits !== undefined) o.limits = options.limits;
  let fixtures = null;
  if (options.fixtures !== undefined) {
    const f = options.fixtures;
    if (typeof f === 'string' || f instanceof Uint8Array || f instanceof ArrayBuffer) o.fixtures = fatalText(f, '/options/fixtures');
    else fixtures = objectText(f, '/options/fixtures');
  }
  if (externalFetch) o.externalFetch = true;
  const text = JSON.stringify(o);
  return fixtures === null ? text : `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}"fixtures":${fixtures}}`;
}

/**
 * One dry run through linear memory: the scenario (text or bytes) written in once, the trace (or report)
 * read out as bytes with a TextDecoder. No Embind string conversion either way.
 * @returns {{ ok: boolean, value: any }} the trace, or the report when !ok
 */
function runBytes(input, optionsText) {
  const wasm = instance();
  // Text is encoded straight into linear memory (room for 3 bytes per UTF-16 unit, the most
  // UTF-8 needs; untouched pages cost nothing); bytes are copied in once.
  const text = typeof input === 'string' ? input : null;
  const room = text === null ? input.length : text.length * 3;
  const ptr = wasm._malloc(Math.max(1, room));
  if (!ptr) throw new RangeError(`the scenario (${room} bytes) does not fit in WebAssembly memory`);
  let result;
  try {
    let size = room;
    if (text === null) wasm.HEAPU8.set(input, ptr);
    else size = encoder.encodeInto(text, wasm.HEAPU8.subarray(ptr, ptr + room)).written;
    result = wasm.dryRunBytes(ptr, size, optionsText);
  } catch (error) {
    // A trapped instance is gone (and replaced): nothing of it is touched again.
    if (!(error instanceof InstanceReplacedError)) wasm._free(ptr);
    throw error;
  }
  wasm._free(ptr);
  try {
    const at = result.data();
    const view = wasm.HEAPU8.subarray(at, at + result.size());
    if (result.ok() && result.section(1) !== 0) {
      // A summary: its runs and messages are copied out as bytes and parsed when first read.
      return { ok: true, value: lazySummary(view.slice(), [0, 1, 2, 3].map((i) => result.section(i))) };
    }
    return { ok: result.ok(), value: JSON.parse(decoder.decode(view)) };
  } finally {
    result.delete();
  }
}

/**
 * The summary trace with `runs` and `messages` read on first access (each then becomes a plain
 * data property): a caller that looks at `counts` only never pays for parsing 100k runs.
 * @param {Uint8Array} bytes the trace text @param {number[]} at [runsBegin, runsEnd, messagesBegin, messagesEnd]
 */
function lazySummary(bytes, at) {
  const trace = JSON.parse(`${decoder.decode(bytes.subarray(0, at[0]))}null,"messages":null${decoder.decode(bytes.subarray(at[3]))}`);
  let pending = 2;
  const settle = (key, value) => {
    Object.defineProperty(trace, key, { value, writable: true, enumerable: true, configurable: true });
    if (--pending === 0) bytes = null;  // both read: the text can go
    return value;
  };
  for (const [key, begin, end] of [['runs', at[0], at[1]], ['messages', at[2], at[3]]]) {
    Object.defineProperty(trace, key, {
      enumerable: true,
      configurable: true,
      get: () => settle(key, JSON.parse(decoder.decode(bytes.subarray(begin, end)))),
      set: (value) => { settle(key, value); },
    });
  }
  return trace;
}

/** A simulator's trace, read out of wasm memory as bytes (no Embind string). */
function readTrace(handle) {
  const result = handle.traceBytes();
  try {
    const at = result.data();
    return JSON.parse(decoder.decode(instance().HEAPU8.subarray(at, at + result.size())));
  } finally {
    result.delete();
  }
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
  const optionsText = optionsJson(options, false);
  const input = scenarioOrPayload;
  const { ok, value } = runBytes(typeof input === 'string' ? input : (input instanceof Uint8Array || input instanceof ArrayBuffer || ArrayBuffer.isView(input)) ? inputBytes(input) : objectText(input, ''), optionsText);
  if (!ok) throw new ValidationError(value, invalidMessage(value));
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
  const optionsText = optionsJson(options, true);
  const handle = new (instance().Simulator)(inputBytes(scenarioOrPayload), optionsText);
  try {
    if (!handle.ok()) {
      const report = JSON.parse(handle.report());
      throw new ValidationError(report, invalidMessage(report));
    }
    await answerFetches(handle, options.fetch, null);
    return readTrace(handle);
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
    // Fixtures as an object go into the scenario (problems under /fixtures); as text or bytes,
    // through the options (problems located in that text, under /options/fixtures).
    let scenario = '{"invocations":[]}';
    const f = options.fixtures;
    const asText = typeof f === 'string' || f instanceof Uint8Array || f instanceof ArrayBuffer;
    if (f !== undefined && !asText) scenario = `{"invocations":[],"fixtures":${objectText(f, '/fixtures')}}`;
    const fetch = typeof options.fetch === 'function' ? options.fetch : null;
    const optionsText = optionsJson({ ...options, fixtures: asText ? f : undefined }, !!fetch);
    const handle = new (instance().Simulator)(scenario, optionsText);
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
    const h = this.#live();
    // The invocation {request, at?, templateId?} around the payload as it was given: text and
    // bytes are never parsed in JS (the core reads them with its depth limit), bytes stay bytes.
    let tail = '';
    if (options.at !== undefined) tail += `,"at":${JSON.stringify(options.at instanceof Date ? options.at.toISOString() : String(options.at))}`;
    if (options.templateId !== undefined) tail += `,"templateId":${objectText(options.templateId, '/templateId')}`;
    tail += '}';
    let invocation;
    if (typeof payload === 'string') {
      invocation = `{"request":${payload}\n${tail}`;
    } else if (payload instanceof Uint8Array || payload instanceof ArrayBuffer || ArrayBuffer.isView(payload)) {
      const body = inputBytes(payload);
      const head = encoder.encode('{"request":');
      const end = encoder.encode(`\n${tail}`);
      invocation = new Uint8Array(head.length + body.length + end.length);
      invocation.set(head, 0);
      invocation.set(body, head.length);
      invocation.set(end, head.length + body.length);
    } else {
      invocation = `{"request":${objectText(payload, '/request')}${tail}`;
    }
    const out = JSON.parse(h.invoke(invocation));
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
    return readTrace(this.#live());
  }

  /** Frees the wasm instance. Safe to call twice. */
  delete() {
    if (!this.#handle) return;
    registry?.unregister(this);
    this.#handle.delete();
    this.#handle = null;
  }
}
