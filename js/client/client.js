/**
 * AutomationsClient: a wasm-free fetch client for Courier's automation invoke endpoints.
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
import { assertKnownOptions } from './nearest.js';
import { envApiKey, envBaseURL, identificationHeaders, isBrowser, newIdempotencyKey } from './platform.js';
import { redactCause, redactDeep, redactString } from './redact.js';
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
 */

export const DEFAULT_BASE_URL = 'https://api.courier.com';

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
   * @returns {Promise<{ runId: string }>}
   */
  async invokeAdHoc(body, options = {}) {
    const call = callOptions(options);
    if (call.signal?.aborted) throw this.#abortError(call.signal, undefined);
    const text = serialize(body);
    if (call.validate) await assertValidAdHoc(body, this.#validator);
    return this.#invoke('/automations/invoke', text, call);
  }

  /**
   * POST /automations/{templateId}/invoke: starts a run of a saved automation template.
   * The validator (which knows ad hoc bodies) is not used here; `validate` checks the shape.
   * @param {string} templateId template id or alias
   * @param {import('../index.js').TemplateInvokeBody} body
   * @param {InvokeOptions} [options]
   * @returns {Promise<{ runId: string }>}
   */
  async invokeByTemplate(templateId, body, options = {}) {
    // '.' and '..' survive encodeURIComponent and the URL parser would resolve them away,
    // silently posting to another endpoint.
    if (typeof templateId !== 'string' || templateId === '' || templateId === '.' || templateId === '..') {
      throw new TypeError('invokeByTemplate: templateId must be a non-empty string other than "." and ".."');
    }
    const call = callOptions(options);
    if (call.signal?.aborted) throw this.#abortError(call.signal, undefined);
    const text = serialize(body);
    if (call.validate) assertValidTemplateBody(body);
    return this.#invoke(`/automations/${encodeURIComponent(templateId)}/invoke`, text, call);
  }

  /**
   * The attempt loop. Throws the last attempt's error once retries are exhausted or the
   * error is not retryable.
   * @param {string} path
   * @param {string} text the JSON body, serialized once so every attempt sends the same bytes
   * @param {ReturnType<typeof callOptions>} call
   * @returns {Promise<{ runId: string }>}
   */
  async #invoke(path, text, { idempotencyKey, idempotencyExpiry, signal }) {
    const key = idempotencyKey ?? newIdempotencyKey();
    /** @type {Record<string, string>} */
    const headers = {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      ...identificationHeaders(),
      Authorization: `Bearer ${this.#apiKey}`,
      'Idempotency-Key': key,
    };
    if (idempotencyExpiry !== undefined) headers['x-idempotency-expiration'] = idempotencyExpiry;
    const url = this.#baseURL + path;
    const hooks = this.#hooks;

    for (let retry = 0; ; retry++) {
      // Before the first attempt nothing was sent, so there is no key worth reporting.
      if (signal?.aborted) throw this.#abortError(signal, retry === 0 ? undefined : key);
      const outcome = await this.#attempt(url, headers, text, signal, key);
      if (outcome.kind === 'ok') return outcome.result;
      if (outcome.kind === 'aborted') throw this.#abortError(/** @type {AbortSignal} */ (signal), key);
      if (!outcome.retryable || retry >= this.#maxRetries) throw outcome.error;
      const delayMs = retryDelayMs({ headers: outcome.responseHeaders, retryIndex: retry, random: hooks.random });
      hooks.onRetry?.({ retry: retry + 1, delayMs, error: outcome.error });
      const slept = await sleep(delayMs * (hooks.sleepScale ?? 1), signal);
      if (!slept) throw this.#abortError(/** @type {AbortSignal} */ (signal), key);
    }
  }

  /**
   * One request, bounded by the timeout and the caller's signal, response body included.
   * Never throws: the loop decides what an outcome means.
   * @param {string} url @param {Record<string, string>} headers @param {string} text
   * @param {AbortSignal | undefined} signal @param {string} key
   * @returns {Promise<
   *   | { kind: 'ok', result: { runId: string } }
   *   | { kind: 'aborted' }
   *   | { kind: 'error', error: CourierClientError, retryable: boolean, responseHeaders?: Headers }>}
   */
  async #attempt(url, headers, text, signal, key) {
    const controller = new AbortController();
    let timedOut = false;
    const onCallerAbort = () => controller.abort();
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#timeout);
    const fetchFn = this.#fetch ?? globalThis.fetch;
    try {
      const exchange = (async () => {
        // `redirect: 'manual'`: a redirected POST turns into a GET and may carry the key
        // elsewhere; Courier does not redirect, so any 3xx is reported instead of followed.
        // Only fields every fetch accepts (workerd rejects `credentials`, `cache`).
        const init = { method: 'POST', headers: { ...headers }, body: text, signal: controller.signal, redirect: /** @type {const} */ ('manual') };
        // `call(undefined, ...)`: browsers throw "Illegal invocation" when fetch's `this` is not the global.
        const res = await fetchFn.call(undefined, url, init);
        return { res, bodyText: await res.text() };
      })();
      const { res, bodyText } = await raceAbort(exchange, controller.signal);
      return this.#interpret(res, bodyText, key);
    } catch (error) {
      if (signal?.aborted) return { kind: 'aborted' };
      if (timedOut) {
        return {
          kind: 'error',
          retryable: true,
          error: new TimeoutError({ message: `Request timed out (no complete response within ${this.#timeout} ms).`, idempotencyKey: key }),
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
   * @param {Response} res @param {string} bodyText @param {string} key
   * @returns {{ kind: 'ok', result: { runId: string } } | { kind: 'error', error: APIError, retryable: boolean, responseHeaders?: Headers }}
   */
  #interpret(res, bodyText, key) {
    const status = res.status;
    if (status >= 200 && status < 300) {
      const parsed = parseJSON(bodyText);
      if (isObject(parsed) && typeof parsed.runId === 'string') return { kind: 'ok', result: { runId: parsed.runId } };
      // Not retried: the run may well have started; the caller can retry with the key.
      return { kind: 'error', retryable: false, error: this.#apiError(res, bodyText, key, `${status} unexpected response: the body has no runId`) };
    }
    if (res.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
      return { kind: 'error', retryable: false, error: this.#apiError(res, bodyText, key, `${status} redirect not followed (the client never re-sends the API key to another location)`) };
    }
    return { kind: 'error', retryable: shouldRetry(status, res.headers), error: this.#apiError(res, bodyText, key), responseHeaders: res.headers };
  }

  /** @param {Response} res @param {string} bodyText @param {string} key @param {string} [message] */
  #apiError(res, bodyText, key, message) {
    const secret = this.#apiKey;
    /** @type {Record<string, string>} */
    const headers = {};
    res.headers.forEach((value, name) => { headers[redactString(name, secret)] = redactString(value, secret); });
    const parsed = parseJSON(bodyText);
    const body = redactDeep(parsed !== undefined ? parsed : bodyText === '' ? undefined : bodyText, secret);
    const requestId = headers['request-id'] ?? headers['x-request-id'] ?? headers['x-amzn-requestid'];
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

/**
 * Checks per-call options; throws TypeError before anything is sent.
 * @param {InvokeOptions} options
 */
function callOptions(options) {
  if (!isObject(options)) throw new TypeError('options must be an object');
  const { idempotencyKey, idempotencyExpiry, validate = true, signal } = options;
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
  return { idempotencyKey, idempotencyExpiry: expiry, validate, signal: /** @type {AbortSignal | undefined} */ (signal) };
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
