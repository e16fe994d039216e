// Hand-written types for courier-automations-wasm/client. Keep in step with the JSDoc in
// js/client/*.js.

// The request body, its steps, Problem, Report and ValidationError are the main entry's,
// declared once in ../index.d.ts (the step types are generated from spec/).
import type { InvokeBody, TemplateInvokeBody, Step, Problem, Report } from '../index.js';
export type { InvokeBody, TemplateInvokeBody, Step, Problem, Report };

/** Full validation of an ad hoc body, e.g. the main entry's `validate` (after `init()`). May be async. */
export type Validator = (body: unknown, options: { level: 'courier' }) => Report | Promise<Report>;

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export interface InvokeResponse {
  runId: string;
}

export interface ClientOptions {
  /** Defaults to process.env.COURIER_API_KEY where `process` exists. Never shown in errors. */
  apiKey?: string;
  /**
   * Default: process.env.COURIER_BASE_URL where `process` exists (as the SDK reads it), else
   * 'https://api.courier.com'. A path prefix is kept (for proxies).
   */
  baseURL?: string | URL;
  /** Default: globalThis.fetch, looked up at call time. */
  fetch?: Fetch;
  /** Milliseconds per attempt, until the whole response is read. Default 60000. */
  timeout?: number;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /**
   * Full validation of ad hoc bodies. Without it, `validate: true` only checks the shape:
   * an object with `automation.steps` a non-empty array of objects with a string `action`.
   */
  validator?: Validator;
  /** Allow an API key in a web page. Read the warning in docs/client.md first. */
  dangerouslyAllowBrowser?: boolean;
}

export interface InvokeOptions {
  /**
   * Sent as Idempotency-Key. Default: a random UUID per call. Either way the same key is
   * sent on every retry of the call, and errors carry it as `idempotencyKey`.
   */
  idempotencyKey?: string;
  /**
   * Sent as x-idempotency-expiration. A Date is sent as ISO 8601 (unambiguous); numbers and
   * strings are sent as given (Courier's docs say epoch ms, the SDK says epoch seconds).
   */
  idempotencyExpiry?: string | number | Date;
  /** Validate before sending; default true. Nothing is sent when validation fails. */
  validate?: boolean;
  /** Aborts the request in flight and any backoff sleep; the call rejects with AbortError. */
  signal?: AbortSignal;
  /** Milliseconds per attempt for this call; default the client's `timeout`. */
  timeout?: number;
  /** Retries of this call after its first attempt; default the client's `maxRetries`. */
  maxRetries?: number;
  /**
   * Extra request headers; they replace the client's own (Accept, Content-Type, User-Agent)
   * whatever their case. Authorization is refused (use `apiKey`); an `Idempotency-Key` or
   * `x-idempotency-expiration` header is taken as `idempotencyKey` / `idempotencyExpiry`
   * (the SDK's way to send them).
   */
  headers?: Record<string, string> | Headers;
}

/** What `.withResponse()` resolves to. */
export interface InvokeResult {
  data: InvokeResponse;
  /** The final attempt's response; its body has already been read into `data`. */
  response: Response;
  /** From the request-id, x-request-id or x-amzn-requestid header. */
  requestId: string | undefined;
  /**
   * True when the server answered from its idempotency store (an `Idempotent-Replayed: true`
   * header, which the emulator sends): this call started no new run, `data.runId` is the
   * first call's.
   */
  replayed: boolean;
}

/**
 * The promise of an invoke call: awaits to `{ runId }`; `.withResponse()` gives the response
 * too (as the SDK's APIPromise does).
 */
export declare class InvokePromise extends Promise<InvokeResponse> {
  private constructor(full: Promise<InvokeResult>);
  withResponse(): Promise<InvokeResult>;
}

// ---- Reads: the newest official SDK's (trycourier/courier-node src/resources/automations/
// automations.ts and runs.ts). The response bodies are the emulator's types, declared once.
import type {
  AutomationTemplateListResponse, AutomationRunListResponse, AutomationRunListItem,
  AutomationRunStep, AutomationRunStepsResponse,
} from '../emulator/index.js';
export type {
  AutomationTemplateListResponse, AutomationRunListResponse, AutomationRunListItem,
  AutomationRunStep, AutomationRunStepsResponse,
};
/** One template of GET /automations. */
export type AutomationTemplate = NonNullable<AutomationTemplateListResponse['templates']>[number];

/** GET /automations query (the SDK's AutomationListParams). */
export interface TemplateListParams {
  /** a previous page's `cursor` */
  cursor?: string;
  /** default 'published' */
  version?: 'published' | 'draft';
}

/** GET /automations/runs query: the SDK's RunListParams, plus arrays, Dates and a number limit. */
export interface RunListParams {
  /** Run statuses, e.g. 'PROCESSED,ERROR' or ['PROCESSED', 'ERROR']. */
  status?: string | string[];
  /** Automation template ids. */
  template_id?: string | string[];
  /** Inclusive lower bound on created_at: an ISO 8601 date or timestamp (a Date is sent as ISO 8601). */
  start_date?: string | Date;
  /** Inclusive upper bound on created_at. */
  end_date?: string | Date;
  /** Runs per page, 1..50 (default 20). A number outside the range is a TypeError. */
  limit?: number | string;
  /** A previous page's `next_cursor`: the walk starts there. */
  cursor?: string;
}

/** Per-call options of the reads (GETs are idempotent: no idempotencyKey; nothing to validate). */
export interface ReadOptions {
  /** Aborts the request in flight and any backoff sleep; the call rejects with AbortError. */
  signal?: AbortSignal;
  /** Milliseconds per attempt for this call; default the client's `timeout`. */
  timeout?: number;
  /** Retries of this call after its first attempt; default the client's `maxRetries`. */
  maxRetries?: number;
  /** Extra request headers (not Authorization). */
  headers?: Record<string, string> | Headers;
}

/** What `.withResponse()` of a read resolves to. */
export interface ReadResult<T> {
  data: T;
  /** The final attempt's response; its body has already been read into `data`. */
  response: Response;
  requestId: string | undefined;
}

/** The promise of a read: awaits to the body; `.withResponse()` gives the response too. */
export declare class ResponsePromise<T> extends Promise<T> {
  protected constructor(full: Promise<ReadResult<T>>);
  withResponse(): Promise<ReadResult<T>>;
}

/**
 * A list call: awaits to its first page; `for await (const item of list)` walks every item of
 * every page, following the cursor; `list.pages()` yields the page bodies. Each walk re-uses
 * the first page's request. A server that returns a cursor twice stops the walk with a
 * CourierClientError instead of looping.
 */
export declare class ListPromise<Page, Item> extends ResponsePromise<Page> implements AsyncIterable<Item> {
  pages(): AsyncGenerator<Page, void, undefined>;
  [Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined>;
}

export declare const DEFAULT_BASE_URL: 'https://api.courier.com';
/** Longest server-requested wait (Retry-After, retry-after-ms) the client honours: 60000 ms. */
export declare const MAX_SERVER_WAIT_MS: number;

export declare class AutomationsClient {
  /** @throws {TypeError} for an unknown option, naming it and the nearest valid one */
  constructor(options?: ClientOptions);
  readonly baseURL: string;
  readonly timeout: number;
  readonly maxRetries: number;
  /** POST /automations/invoke. */
  /** @throws {TypeError} (as a rejection) for an unknown option, naming it and the nearest valid one */
  invokeAdHoc(body: InvokeBody, options?: InvokeOptions): InvokePromise;
  /** POST /automations/{templateId}/invoke; templateId is URL-encoded. The validator is not used. */
  invokeByTemplate(templateId: string, body: TemplateInvokeBody, options?: InvokeOptions): InvokePromise;
  /** GET /automations: the workspace's automation templates, paged by `cursor`. */
  listTemplates(params?: TemplateListParams, options?: ReadOptions): ListPromise<AutomationTemplateListResponse, AutomationTemplate>;
  /** GET /automations/runs: runs newest first, filtered, paged by `next_cursor`. */
  listRuns(params?: RunListParams, options?: ReadOptions): ListPromise<AutomationRunListResponse, AutomationRunListItem>;
  /** GET /automations/runs/{runId}/steps: every step of a run (not paged); runId is URL-encoded. 404 NotFoundError for an unknown run. */
  listRunSteps(runId: string, options?: ReadOptions): ResponsePromise<AutomationRunStepsResponse>;
  toJSON(): { baseURL: string; timeout: number; maxRetries: number };
}

export declare class CourierClientError extends Error {
  constructor(message: string, options?: { cause?: unknown });
  toJSON(): Record<string, unknown>;
}

export interface APIErrorInit {
  /** Undefined when no response arrived (connection, timeout, abort). */
  status: number | undefined;
  body?: unknown;
  headers?: Record<string, string>;
  requestId?: string;
  idempotencyKey?: string;
  message?: string;
  cause?: unknown;
}

/**
 * The server answered with a status that is not a success, or (the subclasses without a
 * status: ConnectionError, TimeoutError, AbortError) no usable answer arrived. As in the SDK,
 * `catch (e) { if (e instanceof APIError) ... }` catches every failure of a request.
 */
export declare class APIError extends CourierClientError {
  constructor(init: APIErrorInit);
  /** Undefined for ConnectionError, TimeoutError and AbortError. */
  readonly status: number | undefined;
  /** Parsed JSON, else the text, else undefined (empty body). Courier: `{ message, type }`. */
  readonly body: unknown;
  /** Response headers, lowercase names (empty when no response arrived). */
  readonly headers: Record<string, string>;
  readonly requestId: string | undefined;
  /** The Idempotency-Key the failed call was sent with. */
  readonly idempotencyKey: string | undefined;
  static makeMessage(status: number | undefined, body: unknown): string;
  static from(init: APIErrorInit): APIError;
}
export declare class BadRequestError extends APIError { readonly status: 400; }
export declare class AuthenticationError extends APIError { readonly status: 401; }
export declare class PermissionDeniedError extends APIError { readonly status: 403; }
export declare class NotFoundError extends APIError { readonly status: 404; }
export declare class ConflictError extends APIError { readonly status: 409; }
export declare class UnprocessableEntityError extends APIError { readonly status: 422; }
export declare class RateLimitError extends APIError { readonly status: 429; }
export declare class InternalServerError extends APIError { readonly status: number; }

export interface NoResponseInit {
  message?: string;
  cause?: unknown;
  idempotencyKey?: string;
}

/** No usable response: the connection failed or broke. The SDK's APIConnectionError. */
export declare class ConnectionError extends APIError {
  constructor(init?: NoResponseInit);
  readonly status: undefined;
}
/** An attempt took longer than `timeout` (after all retries). The SDK's APIConnectionTimeoutError. */
export declare class TimeoutError extends ConnectionError {}
/** The caller's AbortSignal fired. The SDK's APIUserAbortError. */
export declare class AbortError extends APIError {
  constructor(init?: NoResponseInit);
  readonly status: undefined;
  /** Undefined when the signal had aborted before anything was sent. */
  readonly idempotencyKey: string | undefined;
}

/** The official SDK's names for the same classes (`instanceof` holds with either name). */
export { ConnectionError as APIConnectionError, TimeoutError as APIConnectionTimeoutError, AbortError as APIUserAbortError };

/** The main entry's ValidationError (`instanceof` holds across entries). */
export { ValidationError } from '../index.js';
