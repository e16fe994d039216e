// Hand-written types for courier-automations-wasm/dry-run: normalize and the dry run (over the
// Embind module), plus everything of the main entry (validate, version, the errors and every
// type, declared once in ../index.d.ts). Keep in step with js/dry-run/*.js and docs/dry-run.md.
import type { InitSource, InvokeBody, TemplateInvokeBody, HttpMethod, JsonObject, Problem, StepAction, PayloadInput } from '../index.js';

export * from '../index.js';

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

/** Where init() finds the dry run's module (`courier-automations-wasm/dry-run/wasm`) and the validate-only one. */
export interface DryRunInitSource extends InitSource {
  /** Where the validate-only module is (`courier-automations-wasm/wasm`); default: the runtime entry's way. */
  validate?: InitSource;
}

/**
 * Loads the dry run's WebAssembly module and the validate-only one (for validate). Safe to
 * call many times. normalize, dryRunSync and validate need it to have resolved first; dryRun
 * and Simulator.create load the dry run's module themselves.
 * @throws {InitError} when a module cannot be loaded
 */
export function init(source?: DryRunInitSource): Promise<void>;

// ---------------------------------------------------------------------------------------------
// normalize
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
  /**
   * Fixtures added to the scenario's own (theirs win per id; their webhooks are matched first).
   * Their problems have paths under `/options/fixtures`; given as JSON text (or bytes), they
   * carry the line and column in that text.
   */
  fixtures?: Fixtures | string | Uint8Array | ArrayBuffer;
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
