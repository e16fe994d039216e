/**
 * courier-automations-wasm/client: a fetch client for Courier's automation endpoints (invoke,
 * and the reads: templates, runs, a run's steps).
 * It never imports the wasm module; pass the package's validator as `validator` to validate
 * bodies fully before they are sent.
 */
export { AutomationsClient, InvokePromise, ListPromise, ResponsePromise, DEFAULT_BASE_URL } from './client.js';
export {
  CourierClientError, APIError, BadRequestError, AuthenticationError, PermissionDeniedError,
  NotFoundError, ConflictError, UnprocessableEntityError, RateLimitError, InternalServerError,
  ConnectionError, TimeoutError, AbortError,
  APIConnectionError, APIConnectionTimeoutError, APIUserAbortError,
} from './errors.js';
export { MAX_SERVER_WAIT_MS } from './retry.js';
// Re-exported so `instanceof` works with a single import; instanceof holds with the main entry's class too (js/errors.js).
export { ValidationError } from '../errors.js';

/**
 * Types, for JSDoc users: the main entry's, declared once (js/index.d.ts, generated step types).
 * @typedef {import('../index.js').InvokeBody} InvokeBody
 * @typedef {import('../index.js').TemplateInvokeBody} TemplateInvokeBody
 */
