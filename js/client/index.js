/**
 * courier-automations-wasm/client: a fetch client for Courier's automation invoke endpoints.
 * It never imports the wasm module; pass the package's validator as `validator` to validate
 * bodies fully before they are sent.
 */
export { AutomationsClient, DEFAULT_BASE_URL } from './client.js';
export {
  CourierClientError, APIError, BadRequestError, AuthenticationError, PermissionDeniedError,
  NotFoundError, ConflictError, UnprocessableEntityError, RateLimitError, InternalServerError,
  ConnectionError, TimeoutError, AbortError,
} from './errors.js';
export { MAX_SERVER_WAIT_MS } from './retry.js';
// Re-exported so `instanceof` works with a single import; instanceof holds with the main entry's class too (js/errors.js).
export { ValidationError } from '../errors.js';

/**
 * Types, for JSDoc users (the full step union will come with js/index.d.ts).
 * @typedef {{ cancelation_token?: string | null, steps: Array<Record<string, unknown> & { action: string }> }} AdHocAutomation
 * @typedef {{ automation: AdHocAutomation, brand?: string | null, data?: Record<string, unknown> | null, profile?: Record<string, unknown> | null, recipient?: string | null, template?: string | null }} AdHocInvokeBody
 * @typedef {{ recipient?: string | null, brand?: string | null, data?: Record<string, unknown> | null, profile?: Record<string, unknown> | null, template?: string | null }} TemplateInvokeBody
 */
