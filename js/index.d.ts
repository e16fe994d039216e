// Hand-written types for courier-automations-wasm (Emscripten 3.1.6 generates none).
// One public API behind every runtime entry (node.js, browser.js, workerd.js, edge.js), so
// this one file types all of them. Keep in step with js/*.js and docs/courier-semantics.md §6.

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

/**
 * Where init() finds the WebAssembly module. Give exactly one; without any, each runtime entry
 * has a default (Node reads the file, browsers and Deno stream it from `import.meta.url`,
 * workerd and Vercel Edge import it as a module).
 */
export interface InitSource {
  /** A precompiled module: what Cloudflare Workers and Vercel Edge must use (no compiling bytes there). */
  module?: WebAssembly.Module;
  /** The .wasm bytes (`courier-automations-wasm/wasm`). */
  bytes?: ArrayBuffer | ArrayBufferView;
  /** Where to fetch the .wasm from (served as `application/wasm` for streaming compilation). */
  url?: string | URL;
}

/**
 * Loads the WebAssembly module. Safe to call many times; later calls reuse the first load.
 * Every other call except dryRun and Simulator.create needs it to have resolved first.
 * @throws {InitError} when the module cannot be loaded
 */
export function init(source?: InitSource): Promise<void>;

/** The package version, as compiled into the wasm module. */
export function version(): string;

// ---------------------------------------------------------------------------------------------
// Reports and errors
// ---------------------------------------------------------------------------------------------

/** One problem found in a payload. */
export interface Problem {
  /** Stable machine-readable code, e.g. `json.syntax`, `schema.type`, `delay.duration`. */
  code: string;
  /** JSON Pointer to the offending value (`""` for the whole document). */
  path: string;
  message: string;
  /** How to fix it, e.g. a did-you-mean or the accepted spelling. */
  hint?: string;
  /** 1-based line of the value in the JSON text, when the input was text or bytes. */
  line?: number;
  /** 1-based column of the value in the JSON text. */
  column?: number;
}

/** The result of validate(): errors make a payload invalid, warnings do not. */
export interface Report {
  valid: boolean;
  errors: Problem[];
  warnings: Problem[];
}

/** A payload (or scenario) the package refused; `report` says everything that is wrong. */
export class ValidationError extends Error {
  constructor(report: Report, message?: string);
  readonly name: 'ValidationError';
  report: Report;
}

/** The wasm module could not be loaded, or an API call came before init(). */
export class InitError extends Error {
  constructor(message: string, options?: { cause?: unknown });
  readonly name: 'InitError' | 'InstanceReplacedError';
}

/**
 * The WebAssembly instance trapped during the call (out of memory, an abort): the call did not
 * complete. With `replaced` true a fresh instance of the same compiled module is already in
 * place (retry); with false it is being created (await init() first). Simulators of the old
 * instance are gone. `cause` is the original WebAssembly.RuntimeError.
 */
export class InstanceReplacedError extends InitError {
  constructor(message: string, options?: { cause?: unknown; replaced?: boolean });
  readonly name: 'InstanceReplacedError';
  readonly replaced: boolean;
}

/**
 * What normalize and validate take: any JS value (typically an InvokeBody), JSON text, or UTF-8
 * bytes (Uint8Array / ArrayBuffer). `unknown` on purpose: they exist to check untrusted input,
 * and this makes `validate` fit the client's `validator` hook.
 */
export type PayloadInput = unknown;

// ---------------------------------------------------------------------------------------------
// normalize / validate
// ---------------------------------------------------------------------------------------------

export interface NormalizeOptions {
  /** Pretty-print with this many spaces (0–16); compact when omitted. */
  indent?: number;
}

/**
 * Canonical JSON of an ad hoc invoke body: the schema's field order, meaning unchanged.
 * @throws {ValidationError} when the payload is malformed or has the wrong shape
 * @throws {InitError} before init()
 */
export function normalize(payload: PayloadInput, options?: NormalizeOptions): string;

/**
 * `schema`: exactly the OpenAPI contract. `courier` (default): the contract plus what
 * Courier's engine enforces or silently mishandles.
 */
export type ValidationLevel = 'schema' | 'courier';

export interface ValidateOptions {
  level?: ValidationLevel;
}

/**
 * Validates an ad hoc invoke body. Never throws for a bad payload: problems are in the report.
 * @throws {InitError} before init()
 */
export function validate(payload: PayloadInput, options?: ValidateOptions): Report;

// ---------------------------------------------------------------------------------------------
// The request body of POST /automations/invoke: the step types, Automation and InvokeBody are
// generated from spec/openapi.json + spec/engine.json (npm run generate; docs/request-description.md).
// ---------------------------------------------------------------------------------------------

import type { HttpMethod, InvokeBody, JsonObject, StepAction } from './types/steps.generated.js';
export type * from './types/steps.generated.js';

/** Body of POST /automations/{templateId}/invoke. */
export interface TemplateInvokeBody {
  brand?: string | null;
  data?: JsonObject | null;
  profile?: JsonObject | null;
  recipient?: string | null;
  template?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Dry run: scenario in, trace out
// ---------------------------------------------------------------------------------------------

/** An ISO 8601 instant, e.g. `2024-04-01T09:00:00Z`. */
export type Instant = string;

/** A canned answer for a fetch-data webhook, matched by method and URL. */
export interface WebhookFixture {
  method?: HttpMethod | string;
  url: string;
  /** The JSON the webhook answers with. */
  response?: unknown;
  /** An HTTP status; a failing status makes the step see `{}`, as Courier does. */
  status?: number;
}

export interface Fixtures {
  /** Stored profiles by recipient id. */
  profiles?: { [recipientId: string]: JsonObject };
  /** Subscribers (recipient ids) by list id. */
  lists?: { [listId: string]: string[] };
  /** Automation templates (for invoke steps and invoke-by-template) by id. */
  templates?: { [templateId: string]: InvokeBody };
  webhooks?: WebhookFixture[];
}

export interface Invocation {
  /** When the request arrives; default: the scenario's `now`. */
  at?: Instant;
  /** Invoke a template fixture instead of an ad hoc body. */
  templateId?: string;
  request: InvokeBody | TemplateInvokeBody;
}

/** Everything a dry run needs; nothing touches the network. */
export interface Scenario {
  /** The virtual clock's start. */
  now: Instant;
  /** Seeds the run-id generator: same scenario and seed, byte-identical trace. */
  seed?: number;
  fixtures?: Fixtures;
  invocations: Invocation[];
}

export type RunStatus = 'PROCESSING' | 'WAITING' | 'PROCESSED' | 'CANCELED' | 'ERROR';
export type StepStatus = RunStatus | 'SKIPPED' | 'NOT PROCESSED';

export interface TraceStep {
  index: number;
  action: StepAction | string;
  ref?: string;
  status: StepStatus;
  startedAt: Instant | null;
  finishedAt: Instant | null;
  input: unknown;
  output: unknown;
  notes?: string[];
}

export interface TraceRun {
  /** `1-<8 hex>-<24 hex>`, like Courier's. */
  runId: string;
  invokedAt: Instant;
  status: RunStatus;
  cancelationToken?: string;
  parentRunId?: string;
  /** The template fixture, for runs invoked by template (or by an invoke step). */
  templateId?: string;
  steps: TraceStep[];
}

/** A notification the run would have sent. */
export interface TraceMessage {
  runId: string;
  stepIndex: number;
  at: Instant;
  recipient: string;
  template: string;
  brand?: string;
  data: JsonObject;
  profile?: JsonObject;
  /** The list, for messages of a send-list step. */
  list?: string;
}

export interface Trace {
  runs: TraceRun[];
  messages: TraceMessage[];
  /** The profile store at the end. */
  profiles: { [recipientId: string]: JsonObject };
  endedAt: Instant;
  /** Why the simulation stopped early (a limit was hit), when it did. */
  error?: string;
  /** Validation warnings of the scenario's requests. */
  warnings?: Problem[];
  /** Simulator only: the fetch-data call waiting for an answer, when there is one. */
  pendingFetch?: FetchRequest;
}

/** A fetch-data call the dry run could not answer from fixtures, handed to `options.fetch`. */
export interface FetchRequest {
  method: string;
  url: string;
  headers?: { [name: string]: string };
  body?: unknown;
  params?: JsonObject;
}

export interface DryRunOptions {
  /** `full` (default) records every step's input and output; `summary` keeps statuses and messages. */
  detail?: 'full' | 'summary';
  /** The virtual clock's start when a bare payload is given (a scenario has its own `now`). */
  now?: Instant | Date;
  seed?: number;
  /** Answers fetch-data calls that have no fixture; its value is the webhook's JSON. Errors count as `{}`. */
  fetch?: (request: FetchRequest) => unknown | Promise<unknown>;
  limits?: { maxRuns?: number; maxEvents?: number; maxInvokeDepth?: number };
}

/**
 * Simulates a scenario, or a bare ad hoc invoke body, on a virtual clock until nothing is left
 * to do. Loads the wasm if needed.
 * @throws {ValidationError} when the scenario or one of its requests has errors
 */
export function dryRun(scenarioOrPayload: Scenario | InvokeBody | string | Uint8Array | ArrayBuffer, options?: DryRunOptions): Promise<Trace>;

/** dryRun without awaiting: needs init() first and takes no `fetch`. */
export function dryRunSync(scenarioOrPayload: Scenario | InvokeBody | string | Uint8Array | ArrayBuffer, options?: Omit<DryRunOptions, 'fetch'>): Trace;

export interface SimulatorOptions extends DryRunOptions {
  fixtures?: Fixtures;
}

/**
 * Stepwise dry runs: invoke runs, move the virtual clock, read the trace at any point.
 * Holds wasm memory: call delete() when done.
 */
export class Simulator {
  private constructor();
  static create(options?: SimulatorOptions): Promise<Simulator>;
  /** Starts a run now, or schedules it at `at` (then returns null). */
  invoke(payload: InvokeBody | TemplateInvokeBody | string, options?: { at?: Instant | Date; templateId?: string }): string | null;
  /** Moves the clock by a duration (`"1 day"`) or to an instant, running what falls due. */
  advance(durationOrUntil: string | Date): Promise<void>;
  /** Runs every scheduled event, skipping time. */
  runUntilIdle(): Promise<void>;
  /** The virtual clock. */
  now(): Instant;
  trace(): Trace;
  /** Frees the wasm memory. Safe to call twice. */
  delete(): void;
}

// ---------------------------------------------------------------------------------------------
// The client (`courier-automations-wasm/client`, wasm-free)
// ---------------------------------------------------------------------------------------------
// The main entry exports the same client with the wasm validator plugged in (bodies are
// validated in full before anything is sent) and the client's error classes; its other types
// are re-exported as types. Names declared above win where both declare one (Problem, Report,
// TemplateInvokeBody, ValidationError: the same shapes).
export {
  AutomationsClient, DEFAULT_BASE_URL, MAX_SERVER_WAIT_MS, CourierClientError, APIError, BadRequestError,
  AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError, UnprocessableEntityError,
  RateLimitError, InternalServerError, ConnectionError, TimeoutError, AbortError,
} from './client/index.js';
export type * from './client/index.js';
