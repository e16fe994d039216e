/**
 * AutomationsClient: a wasm-free fetch client for Courier's automation endpoints: invoke
 * (POST) and the newest SDK's reads (GET /automations, /automations/runs, /automations/runs/{id}/steps).
 *
 * What it adds over the official SDK's wire behaviour (same headers, body and retry rules):
 * - every call carries an Idempotency-Key (the caller's or a random UUID), the same one on
 *   every retry of that call, so a retried POST can never start a second run;
 * - server-sent waits (Retry-After, retry-after-ms) are clamped to MAX_SERVER_WAIT_MS;
 * - the caller's AbortSignal stops a request in flight and a backoff sleep alike;
 * - the timeout covers each attempt until the whole response body is read;
 * - the body can be validated before anything is sent (a `validator`, else shape checks);
 * - the API key lives in a private field and is redacted from everything an error carries.
 */
import { ABORTED, raceAbort, sleep } from './abort.js';
import {
  AbortError, APIError, ConnectionError, CourierClientError, TimeoutError,
} from './errors.js';
import { runQuery, templateQuery } from './list-params.js';
import { assertKnownOptions } from './nearest.js';
import { envApiKey, envBaseURL, identificationHeaders, isBrowser, newIdempotencyKey } from './platform.js';
import { redactCause, redactDeep, redactString } from './redact.js';
import { InvokePromise, ListPromise, ResponsePromise } from './promises.js';
import { retryDelayMs, shouldRetry } from './retry.js';
import { TESTING } from './testing.js';
import { assertValidAdHoc, assertValidTemplateBody } from './validate.js';

/** @typedef {import('./validate.js').Report} Report */
/** @typedef {(body: unknown, options: { level: 'courier' }) => Report | Promise<Report>} Validator */
/** @typedef {(input: string, init: RequestInit) => Promise<Response>} Fetch */

/**
 * @typedef {object} ClientOptions
 * @property {string} [apiKey] defaults to process.env.COURIER_API_KEY where `process` exists
 * @property {string | URL} [baseURL] default process.env.COURIER_BASE_URL where `process` exists, else 'https://api.courier.com'
 * @property {Fetch} [fetch] default globalThis.fetch (looked up at call time)
 * @property {number} [timeout] ms per attempt, default 60000
 * @property {number} [maxRetries] default 2 (so at most 3 attempts)
 * @property {Validator} [validator] full validation of ad hoc bodies (the package's wasm validator)
 * @property {boolean} [dangerouslyAllowBrowser] allow an API key in a web page
 */

/**
 * @typedef {object} InvokeOptions
 * @property {string} [idempotencyKey] default: a random UUID per call, reused by its retries
 * @property {string | number | Date} [idempotencyExpiry] sent as x-idempotency-expiration; a Date as ISO 8601
 * @property {boolean} [validate] default true
 * @property {AbortSignal} [signal]
 * @property {number} [timeout] ms per attempt for this call (default: the client's)
 * @property {number} [maxRetries] for this call (default: the client's)
 * @property {Record<string, string> | Headers} [headers] extra request headers (not Authorization)
 */

/**
 * @typedef {object} InvokeResult what `.withResponse()` resolves to
 * @property {{ runId: string }} data
 * @property {Response} response the final attempt's response (its body already read into `data`)
 * @property {string | undefined} requestId
 * @property {boolean} replayed the server answered from its idempotency store (`Idempotent-Replayed: true`)
 */

/**
 * @typedef {object} ReadOptions per-call options of listTemplates, listRuns, listRunSteps
 * @property {AbortSignal} [signal]
 * @property {number} [timeout] ms per attempt for this call (default: the client's)
 * @property {number} [maxRetries] for this call (default: the client's)
 * @property {Record<string, string> | Headers} [headers] extra request headers (not Authorization)
 */

export const DEFAULT_BASE_URL = 'https://api.courier.com';

/** Per-call options, most used first. */
const CALL_OPTIONS = /** @type {const} */ (['idempotencyKey', 'signal', 'timeout', 'maxRetries', 'headers', 'idempotencyExpiry', 'validate']);
/** Per-call options of the reads: GETs are idempotent, so no key, and there is no body to validate. */
const READ_OPTIONS = /** @type {const} */ (['signal', 'timeout', 'maxRetries', 'headers']);

/** The constructor's options, most used first (the first of equally near names is suggested). */
const CLIENT_OPTIONS = /** @type {const} */ (['apiKey', 'baseURL', 'timeout', 'maxRetries', 'fetch', 'validator', 'dangerouslyAllowBrowser']);

const BROWSER_REFUSAL =
  'AutomationsClient: refusing to use a Courier API key in a web page. Anyone who opens the page can ' +
  'read the key and start automations or send messages as your workspace. The safe pattern: validate ' +
  'and dry-run payloads in the browser with courier-automations-wasm, then send the validated payload ' +
  'to your own server or edge function, which holds the key and calls invokeAdHoc(). If this page is ' +
  'only ever opened by people who may hold the key (an internal tool), pass dangerouslyAllowBrowser: true.';

const MISSING_KEY =
  'AutomationsClient: no API key. Pass new AutomationsClient({ apiKey }) or set the COURIER_API_KEY ' +
  'environment variable (read only where `process` exists).';

/** An API key: visible ASCII, nothing that could break or split a header. */
const API_KEY = /^[\x21-\x7e]+$/;
/** A header value we accept from callers: printable ASCII, no surrounding spaces. */
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/** @param {unknown} v @returns {v is Record<string | symbol, any>} */
const isObject = (v) => v !== null && typeof v === 'object';

export { InvokePromise, ListPromise, ResponsePromise };

export class AutomationsClient {
  /** Private, so neither JSON.stringify, util.inspect nor Object.keys ever shows it. */
  #apiKey;
  /** @type {string} without trailing slash */
  #baseURL;
  /** @type {Fetch | undefined} */
  #fetch;
  /** @type {number} */
  #timeout;
  /** @type {number} */
  #maxRetries;
  /** @type {Validator | undefined} */
  #validator;
  /** @type {{ sleepScale?: number, random?: () => number, onRetry?: (info: object) => void }} */
  #hooks;

  /** @param {ClientOptions} [options] */
  constructor(options = {}) {
    if (!isObject(options)) throw new TypeError('AutomationsClient: options must be an object');
    // A misspelt option would otherwise be ignored silently (`maxRetrys: 5` meaning 2 retries).
    assertKnownOptions('AutomationsClient', options, CLIENT_OPTIONS);
    const {
      apiKey = envApiKey(), baseURL = envBaseURL() ?? DEFAULT_BASE_URL, fetch, timeout = 60_000, maxRetries = 2,
      validator, dangerouslyAllowBrowser = false,
    } = options;

    if (apiKey === undefined || apiKey === null || apiKey === '') throw new CourierClientError(MISSING_KEY);
    // The message never quotes the key: a mistyped key is still a secret.
    if (typeof apiKey !== 'string' || !API_KEY.test(apiKey)) {
      throw new CourierClientError('AutomationsClient: apiKey must be a string of visible ASCII characters (no spaces or line breaks)');
    }
    if (isBrowser() && dangerouslyAllowBrowser !== true) throw new CourierClientError(BROWSER_REFUSAL);

    const badURL = `AutomationsClient: ${options.baseURL === undefined && baseURL !== DEFAULT_BASE_URL ? 'COURIER_BASE_URL (the default baseURL)' : 'baseURL'} must be an absolute http(s) URL`;
    let url;
    try {
      url = new URL(String(baseURL));
    } catch {
      throw new TypeError(badURL);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(badURL);
    if (fetch !== undefined && typeof fetch !== 'function') throw new TypeError('AutomationsClient: fetch must be a function');
    if (fetch === undefined && typeof globalThis.fetch !== 'function') {
      throw new TypeError('AutomationsClient: this runtime has no global fetch; pass options.fetch');
    }
    // setTimeout fires at once for delays above 2^31 - 1 ms: such a timeout would never wait.
    if (typeof timeout !== 'number' || !(timeout > 0) || !(timeout <= 0x7fffffff)) {
      throw new TypeError('AutomationsClient: timeout must be a positive number of milliseconds, at most 2147483647');
    }
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      throw new TypeError('AutomationsClient: maxRetries must be an integer >= 0');
    }
    if (validator !== undefined && typeof validator !== 'function') {
      throw new TypeError('AutomationsClient: validator must be a function (body, { level }) => report');
    }

    this.#apiKey = apiKey;
    this.#baseURL = url.href.replace(/\/+$/, '');
    this.#fetch = fetch;
    this.#timeout = timeout;
    this.#maxRetries = maxRetries;
    this.#validator = validator;
    const hooks = /** @type {any} */ (options)[TESTING];
    this.#hooks = isObject(hooks) ? hooks : {};
  }

  /** @returns {string} the base URL requests go to, without trailing slash */
  get baseURL() { return this.#baseURL; }
  /** @returns {number} ms per attempt */
  get timeout() { return this.#timeout; }
  /** @returns {number} */
  get maxRetries() { return this.#maxRetries; }

  /** Safe to log: no key. */
  toJSON() {
    return { baseURL: this.#baseURL, timeout: this.#timeout, maxRetries: this.#maxRetries };
  }

  /**
   * POST /automations/invoke: starts an ad hoc automation run.
   * @param {import('../index.js').InvokeBody} body
   * @param {InvokeOptions} [options]
   * @returns {InvokePromise}
   */
  invokeAdHoc(body, options = {}) {
    return new InvokePromise((async () => {
      const call = this.#callOptions('invokeAdHoc', options);
      if (call.signal?.aborted) throw this.#abortError(call.signal, undefined);
      const text = serialize(body);
      if (call.validate) await assertValidAdHoc(body, this.#validator);
      return this.#invoke('/automations/invoke', text, call);
    })());
  }

  /**
   * POST /automations/{templateId}/invoke: starts a run of a saved automation template.
   * The validator (which knows ad hoc bodies) is not used here; `validate` checks the shape.
   * @param {string} templateId template id or alias
   * @param {import('../index.js').TemplateInvokeBody} body
   * @param {InvokeOptions} [options]
   * @returns {InvokePromise}
   */
  invokeByTemplate(templateId, body, options = {}) {
    return new InvokePromise((async () => {
      // '.' and '..' survive encodeURIComponent and the URL parser would resolve them away,
      // silently posting to another endpoint.
      if (typeof templateId !== 'string' || templateId === '' || templateId === '.' || templateId === '..') {
        throw new TypeError('invokeByTemplate: templateId must be a non-empty string other than "." and ".."');
      }
      const call = this.#callOptions('invokeByTemplate', options);
      if (call.signal?.aborted) throw this.#abortError(call.signal, undefined);
      const text = serialize(body);
      if (call.validate) assertValidTemplateBody(body);
      return this.#invoke(`/automations/${encodeURIComponent(templateId)}/invoke`, text, call);
    })());
  }

  // The reads follow the newest official SDK, trycourier/courier-node:
  // src/resources/automations/automations.ts (list -> GET /automations, AutomationTemplateListResponse)
  // and src/resources/automations/runs.ts (runs.list -> GET /automations/runs, runs.listSteps ->
  // GET /automations/runs/{id}/steps): same paths, query parameters and response bodies.

  /**
   * GET /automations: the workspace's automation templates, paged by `cursor`.
   * Awaits to the first page `{ templates?, cursor? }`; `for await` yields every template.
   * @param {{ cursor?: string, version?: 'published' | 'draft' }} [params]
   * @param {ReadOptions} [options]
   * @returns {ListPromise<any, any>}
   */
  listTemplates(params, options = {}) {
    return this.#list('listTemplates', '/automations', templateQuery, params, options, (page) => ({
      items: page.templates ?? [], cursor: nonEmpty(page.cursor),
    }), (v) => isObject(v) && (v.templates === undefined || Array.isArray(v.templates)), 'templates array');
  }

  /**
   * GET /automations/runs: runs newest first, filtered by status, template and date range,
   * paged by `next_cursor`. Awaits to the first page `{ runs, next_cursor? }`; `for await`
   * yields every run of every page.
   * @param {import('./list-params.js').RunParams} [params]
   * @param {ReadOptions} [options]
   * @returns {ListPromise<any, any>}
   */
  listRuns(params, options = {}) {
    return this.#list('listRuns', '/automations/runs', runQuery, params, options, (page) => ({
      items: page.runs, cursor: nonEmpty(page.next_cursor),
    }), (v) => isObject(v) && Array.isArray(v.runs), 'runs array');
  }

  /**
   * GET /automations/runs/{runId}/steps: every step of a run (not paginated).
   * @param {string} runId
   * @param {ReadOptions} [options]
   * @returns {ResponsePromise<any>}
   */
  listRunSteps(runId, options = {}) {
    return new ResponsePromise((async () => {
      const call = this.#callOptions('listRunSteps', options, READ_OPTIONS);
      if (typeof runId !== 'string' || runId === '' || runId === '.' || runId === '..') {
        throw new TypeError('listRunSteps: runId must be a non-empty string other than "." and ".."');
      }
      return this.#get(`/automations/runs/${encodeURIComponent(runId)}/steps`, call,
        (v) => isObject(v) && Array.isArray(v.steps), 'steps array');
    })());
  }

  /**
   * One list: the first page now, the next ones when a walk asks for them (same call options).
   * @param {string} where @param {string} path
   * @param {(params: unknown) => URLSearchParams} query
   * @param {unknown} params @param {ReadOptions} options
   * @param {(page: any) => { items: any[], cursor: string | undefined }} read
   * @param {(body: any) => boolean} accept @param {string} expected
   */
  #list(where, path, query, params, options, read, accept, expected) {
    /** @type {any} */
    let call;
    /** @type {URLSearchParams | undefined} */
    let q;
    /** @param {URLSearchParams} at */
    const fetchAt = (at) => {
      const s = at.toString();
      return this.#get(s ? `${path}?${s}` : path, call, accept, expected);
    };
    const first = (async () => {
      call = this.#callOptions(where, options, READ_OPTIONS);
      q = query(params);
      return fetchAt(q);
    })();
    return new ListPromise(first, (cursor) => {
      const next = new URLSearchParams(q);
      next.set('cursor', cursor);
      return fetchAt(next);
    }, read);
  }

  /**
   * A GET: no body, no Idempotency-Key (GETs are idempotent), same retries and errors.
   * @param {string} path @param {ReturnType<typeof callOptions> & { timeout: number, maxRetries: number }} call
   * @param {(body: any) => boolean} accept @param {string} expected
   */
  async #get(path, call, accept, expected) {
    if (call.signal?.aborted) throw this.#abortError(call.signal, undefined);
    return this.#send('GET', path, undefined, call, undefined, accept, expected);
  }

  /**
   * Checks per-call options (TypeError before anything is sent) and fills in the client's
   * timeout and maxRetries.
   * @param {string} where @param {InvokeOptions} options @param {readonly string[]} [allowed]
   */
  #callOptions(where, options, allowed = CALL_OPTIONS) {
    const call = callOptions(where, options, allowed);
    return { ...call, timeout: call.timeout ?? this.#timeout, maxRetries: call.maxRetries ?? this.#maxRetries };
  }

  /**
   * POST with the call's Idempotency-Key (the caller's or a new UUID), the same on every retry.
   * @param {string} path @param {string} text
   * @param {ReturnType<typeof callOptions> & { timeout: number, maxRetries: number }} call
   * @returns {Promise<InvokeResult>}
   */
  async #invoke(path, text, call) {
    const key = call.idempotencyKey ?? newIdempotencyKey();
    const result = await this.#send('POST', path, text, call, key, (v) => isObject(v) && typeof v.runId === 'string', 'runId');
    const h = result.response.headers;
    return {
      data: { runId: /** @type {any} */ (result.data).runId },
      response: result.response,
      requestId: result.requestId,
      // What Courier and the emulator (js/emulator/server.js) send on an idempotent replay.
      replayed: h.get('idempotent-replayed')?.trim().toLowerCase() === 'true',
    };
  }

  /**
   * The attempt loop of every call. Throws the last attempt's error once retries are
   * exhausted or the error is not retryable.
   * @param {'GET' | 'POST'} method @param {string} path
   * @param {string | undefined} text the JSON body, serialized once so every attempt sends the same bytes
   * @param {ReturnType<typeof callOptions> & { timeout: number, maxRetries: number }} call
   * @param {string | undefined} key the Idempotency-Key (POST only)
   * @param {(body: any) => boolean} accept whether a 2xx body is the expected one
   * @param {string} expected what the body lacks when it is not, for the error message
   * @returns {Promise<import('./promises.js').WithResponse<unknown>>}
   */
  async #send(method, path, text, { idempotencyExpiry, signal, timeout, maxRetries, headers: extra }, key, accept, expected) {
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json', ...(text === undefined ? {} : { 'Content-Type': 'application/json' }), ...identificationHeaders() };
    // The caller's headers replace ours whatever their case (two spellings would be joined with ", ").
    for (const [name, value] of Object.entries(extra)) {
      for (const own of Object.keys(headers)) if (own.toLowerCase() === name.toLowerCase()) delete headers[own];
      headers[name] = value;
    }
    headers.Authorization = `Bearer ${this.#apiKey}`;
    if (key !== undefined) headers['Idempotency-Key'] = key;
    if (idempotencyExpiry !== undefined) headers['x-idempotency-expiration'] = idempotencyExpiry;
    const url = this.#baseURL + path;
    const hooks = this.#hooks;

    for (let retry = 0; ; retry++) {
      // Before the first attempt nothing was sent, so there is no key worth reporting.
      if (signal?.aborted) throw this.#abortError(signal, retry === 0 ? undefined : key);
      const outcome = await this.#attempt(method, url, headers, text, signal, key, timeout, accept, expected);
      if (outcome.kind === 'ok') return outcome.result;
      if (outcome.kind === 'aborted') throw this.#abortError(/** @type {AbortSignal} */ (signal), key);
      if (!outcome.retryable || retry >= maxRetries) throw outcome.error;
      const delayMs = retryDelayMs({ headers: outcome.responseHeaders, retryIndex: retry, random: hooks.random });
      hooks.onRetry?.({ retry: retry + 1, delayMs, error: outcome.error });
      const slept = await sleep(delayMs * (hooks.sleepScale ?? 1), signal);
      if (!slept) throw this.#abortError(/** @type {AbortSignal} */ (signal), key);
    }
  }

  /**
   * One request, bounded by the timeout and the caller's signal, response body included.
   * Never throws: the loop decides what an outcome means.
   * @param {'GET' | 'POST'} method @param {string} url @param {Record<string, string>} headers
   * @param {string | undefined} text @param {AbortSignal | undefined} signal
   * @param {string | undefined} key @param {number} timeout
   * @param {(body: any) => boolean} accept @param {string} expected
   * @returns {Promise<
   *   | { kind: 'ok', result: import('./promises.js').WithResponse<unknown> }
   *   | { kind: 'aborted' }
   *   | { kind: 'error', error: CourierClientError, retryable: boolean, responseHeaders?: Headers }>}
   */
  async #attempt(method, url, headers, text, signal, key, timeout, accept, expected) {
    const controller = new AbortController();
    let timedOut = false;
    const onCallerAbort = () => controller.abort();
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const fetchFn = this.#fetch ?? globalThis.fetch;
    try {
      const exchange = (async () => {
        // `redirect: 'manual'`: a redirected POST turns into a GET and may carry the key
        // elsewhere; Courier does not redirect, so any 3xx is reported instead of followed.
        // Only fields every fetch accepts (workerd rejects `credentials`, `cache`).
        /** @type {RequestInit} */
        const init = { method, headers: { ...headers }, signal: controller.signal, redirect: 'manual' };
        if (text !== undefined) init.body = text;
        // `call(undefined, ...)`: browsers throw "Illegal invocation" when fetch's `this` is not the global.
        const res = await fetchFn.call(undefined, url, init);
        return { res, bodyText: await res.text() };
      })();
      const { res, bodyText } = await raceAbort(exchange, controller.signal);
      return this.#interpret(res, bodyText, key, accept, expected);
    } catch (error) {
      if (signal?.aborted) return { kind: 'aborted' };
      if (timedOut) {
        return {
          kind: 'error',
          retryable: true,
          error: new TimeoutError({ message: `Request timed out (no complete response within ${timeout} ms).`, idempotencyKey: key }),
        };
      }
      const cause = error === ABORTED ? undefined : redactCause(error, this.#apiKey);
      return { kind: 'error', retryable: true, error: new ConnectionError({ cause, idempotencyKey: key }) };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /**
   * @param {Response} res @param {string} bodyText @param {string | undefined} key
   * @param {(body: any) => boolean} accept @param {string} expected
   * @returns {{ kind: 'ok', result: import('./promises.js').WithResponse<unknown> } | { kind: 'error', error: APIError, retryable: boolean, responseHeaders?: Headers }}
   */
  #interpret(res, bodyText, key, accept, expected) {
    const status = res.status;
    if (status >= 200 && status < 300) {
      const parsed = parseJSON(bodyText);
      if (accept(parsed)) {
        const h = res.headers;
        return { kind: 'ok', result: { data: parsed, response: res, requestId: requestIdOf((name) => h.get(name) ?? undefined) } };
      }
      // Not retried: after an invoke the run may well have started (the caller can retry with
      // the key); a read that answers 200 with another shape will answer the same again.
      return { kind: 'error', retryable: false, error: this.#apiError(res, bodyText, key, `${status} unexpected response: the body has no ${expected}`) };
    }
    if (res.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
      return { kind: 'error', retryable: false, error: this.#apiError(res, bodyText, key, `${status} redirect not followed (the client never re-sends the API key to another location)`) };
    }
    return { kind: 'error', retryable: shouldRetry(status, res.headers), error: this.#apiError(res, bodyText, key), responseHeaders: res.headers };
  }

  /** @param {Response} res @param {string} bodyText @param {string | undefined} key @param {string} [message] */
  #apiError(res, bodyText, key, message) {
    const secret = this.#apiKey;
    /** @type {Record<string, string>} */
    const headers = {};
    res.headers.forEach((value, name) => { headers[redactString(name, secret)] = redactString(value, secret); });
    const parsed = parseJSON(bodyText);
    const body = redactDeep(parsed !== undefined ? parsed : bodyText === '' ? undefined : bodyText, secret);
    const requestId = requestIdOf((name) => headers[name]);
    return APIError.from({
      status: res.status, body, headers, requestId, idempotencyKey: key,
      message: message === undefined ? undefined : redactString(message, secret),
    });
  }

  /** @param {AbortSignal} signal @param {string | undefined} key */
  #abortError(signal, key) {
    return new AbortError({ cause: redactCause(signal.reason, this.#apiKey), idempotencyKey: key });
  }
}

/** A cursor worth following: a non-empty string. @param {unknown} v */
const nonEmpty = (v) => (typeof v === 'string' && v !== '' ? v : undefined);

/** @param {(name: string) => string | undefined} get @returns {string | undefined} */
function requestIdOf(get) {
  return get('request-id') ?? get('x-request-id') ?? get('x-amzn-requestid');
}

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Checks per-call options; throws TypeError before anything is sent.
 * @param {string} where @param {InvokeOptions} options
 * @param {readonly string[]} allowed CALL_OPTIONS, or READ_OPTIONS for a GET
 */
function callOptions(where, options, allowed) {
  if (!isObject(options)) throw new TypeError(`${where}: options must be an object`);
  assertKnownOptions(where, options, allowed);
  // A GET sends idempotency headers as given (harmless); only invoke takes them as its key.
  const invoke = allowed.includes('idempotencyKey');
  const { idempotencyExpiry, validate = true, signal, timeout, maxRetries } = options;
  let { idempotencyKey } = options;
  if (idempotencyKey !== undefined && (typeof idempotencyKey !== 'string' || !HEADER_VALUE.test(idempotencyKey))) {
    throw new TypeError('idempotencyKey must be a non-empty string of printable ASCII without surrounding spaces');
  }
  /** @type {string | undefined} */
  let expiry;
  if (idempotencyExpiry instanceof Date) {
    if (Number.isNaN(idempotencyExpiry.getTime())) throw new TypeError('idempotencyExpiry is an invalid Date');
    expiry = idempotencyExpiry.toISOString();
  } else if (typeof idempotencyExpiry === 'number') {
    if (!Number.isFinite(idempotencyExpiry)) throw new TypeError('idempotencyExpiry must be a finite number');
    expiry = String(idempotencyExpiry);
  } else if (typeof idempotencyExpiry === 'string') {
    if (!HEADER_VALUE.test(idempotencyExpiry)) throw new TypeError('idempotencyExpiry must be printable ASCII');
    expiry = idempotencyExpiry;
  } else if (idempotencyExpiry !== undefined) {
    throw new TypeError('idempotencyExpiry must be a Date, a number or a string');
  }
  if (typeof validate !== 'boolean') throw new TypeError('validate must be a boolean');
  if (signal !== undefined && !(isObject(signal) && typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function')) {
    throw new TypeError('signal must be an AbortSignal');
  }
  if (timeout !== undefined && (typeof timeout !== 'number' || !(timeout > 0) || !(timeout <= 0x7fffffff))) {
    throw new TypeError(`${where}: timeout must be a positive number of milliseconds, at most 2147483647`);
  }
  if (maxRetries !== undefined && (!Number.isInteger(maxRetries) || maxRetries < 0)) {
    throw new TypeError(`${where}: maxRetries must be an integer >= 0`);
  }
  /** @type {Record<string, string>} */
  const headers = {};
  if (options.headers !== undefined) {
    if (!isObject(options.headers)) throw new TypeError(`${where}: headers must be an object or a Headers`);
    const entries = typeof options.headers.forEach === 'function' && typeof options.headers.get === 'function'
      ? [.../** @type {Headers} */ (options.headers).entries()]
      : Object.entries(options.headers);
    for (const [name, value] of entries) {
      if (!HEADER_NAME.test(name)) throw new TypeError(`${where}: header name ${JSON.stringify(name)} is not a valid HTTP token`);
      if (typeof value !== 'string' || !HEADER_VALUE.test(value)) {
        throw new TypeError(`${where}: header ${name} must be a string of printable ASCII without surrounding spaces`);
      }
      const lower = name.toLowerCase();
      // A key in a per-call header would bypass the redaction the client's apiKey gets.
      if (lower === 'authorization') throw new TypeError(`${where}: set the API key with the client's apiKey, not an Authorization header`);
      if (lower === 'idempotency-key' && invoke) {
        // The SDK's way to send a key (headers: { 'Idempotency-Key': … }): taken as idempotencyKey.
        if (idempotencyKey !== undefined && idempotencyKey !== value) {
          throw new TypeError(`${where}: headers['${name}'] and idempotencyKey disagree; give the key once`);
        }
        idempotencyKey = value;
        continue;
      }
      if (lower === 'x-idempotency-expiration' && invoke) {
        if (expiry !== undefined && expiry !== value) {
          throw new TypeError(`${where}: headers['${name}'] and idempotencyExpiry disagree; give the expiry once`);
        }
        expiry = value;
        continue;
      }
      headers[name] = value;
    }
  }
  return {
    idempotencyKey, idempotencyExpiry: expiry, validate, signal: /** @type {AbortSignal | undefined} */ (signal),
    timeout: /** @type {number | undefined} */ (timeout), maxRetries: /** @type {number | undefined} */ (maxRetries), headers,
  };
}

/** @param {unknown} body @returns {string} */
function serialize(body) {
  let text;
  try {
    text = JSON.stringify(body);
  } catch (cause) {
    throw new TypeError(`body is not JSON-serializable: ${/** @type {Error} */ (cause).message}`, { cause });
  }
  if (text === undefined) throw new TypeError('body must be a JSON object');
  return text;
}

/** @param {string} text @returns {unknown} undefined when not JSON */
function parseJSON(text) {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
