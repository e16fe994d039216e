/**
 * The public API, identical in every runtime. Runtime entries (node.js, ...) re-export it
 * after telling js/runtime.js where their .wasm is.
 */
export { init } from './runtime.js';
export { normalize, version } from './normalize.js';
export { validate } from './validate.js';
export { ValidationError, InitError, InstanceReplacedError } from './errors.js';
export { AutomationsClient } from './automations-client.js';
export {
  DEFAULT_BASE_URL, MAX_SERVER_WAIT_MS, CourierClientError, APIError, BadRequestError, AuthenticationError,
  PermissionDeniedError, NotFoundError, ConflictError, UnprocessableEntityError, RateLimitError,
  InternalServerError, ConnectionError, TimeoutError, AbortError,
} from './client/index.js';
export { dryRun, dryRunSync, Simulator } from './dry-run.js';
