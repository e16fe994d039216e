// Hand-written types for courier-automations-wasm, the main entry: loading the validate-only
// module, validate, the version, the errors, the report and the request body. One API behind
// every runtime entry (dist/node.js, browser.js, workerd.js, edge.js). `./dry-run` adds
// normalize and the dry run (js/dry-run/index.d.ts), `./client` the client; both use the
// Problem and Report declared here. Keep in step with js/*.js and docs/courier-semantics.md §6.

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

/**
 * Where init() finds the validate-only WebAssembly module (`courier-automations-wasm/wasm`).
 * Give exactly one; without any, each runtime entry has a default (Node reads the file,
 * browsers and Deno stream it from `import.meta.url`, workerd and Vercel Edge import it as a
 * module).
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
 * Loads the validate-only WebAssembly module. Safe to call many times; later calls reuse the
 * first load. validate() needs it to have resolved first.
 * @throws {InitError} when the module cannot be loaded
 */
export function init(source?: InitSource): Promise<void>;

/** The package version. */
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

/**
 * A payload (or scenario) the package refused; `report` says everything that is wrong. One
 * class for every entry: `instanceof` holds whichever entry (`.`, `./dry-run`, `./client`)
 * made the error and whichever the class is imported from.
 */
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
 * What validate (and the dry run's normalize) take: any JS value (typically an InvokeBody), JSON text, or UTF-8
 * bytes (Uint8Array / ArrayBuffer). `unknown` on purpose: they exist to check untrusted input,
 * and this makes `validate` fit the client's `validator` hook.
 */
export type PayloadInput = unknown;

// ---------------------------------------------------------------------------------------------
// validate
// ---------------------------------------------------------------------------------------------

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

import type { HttpMethod, InvokeBody, StepAction } from './types/steps.generated.js';
export type * from './types/steps.generated.js';

/** Body of POST /automations/{templateId}/invoke: the run-level values of an invoke body, over the template's. */
export type TemplateInvokeBody = Omit<InvokeBody, 'automation'>;

// ---------------------------------------------------------------------------------------------
// Standard Schema v1 (standardschema.dev): the body for any library that takes a Standard Schema.
// The interface is the spec's own (`@standard-schema/spec`), written out here as the spec
// recommends, so users need not install that package.
// ---------------------------------------------------------------------------------------------

/** The Standard Schema v1 interface (`StandardSchemaV1` of `@standard-schema/spec`). */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}
export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown, options?: Options | undefined) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface Options {
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['input'];
  type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['output'];
}

/**
 * One issue of a refused body: a Problem's message (with its hint in parentheses), its path as
 * segments (numbers for array indices, `[]` for the whole body) and its code.
 */
export interface BodyIssue extends StandardSchemaV1.Issue {
  readonly path: ReadonlyArray<string | number>;
  readonly code: string;
}

/**
 * A Standard Schema of an invoke body whose `validate` gives `{ value }` (the body; JSON text
 * parsed) or `{ issues }` (the report's errors; warnings are not issues). Synchronous once
 * `init()` has resolved; before, it loads the module with the entry's default source and
 * returns a Promise. By-template bodies are always checked synchronously (no wasm).
 */
export interface InvokeBodySchema<Body> extends StandardSchemaV1<Body | string, Body> {
  readonly '~standard': InvokeBodySchemaProps<Body>;
}
export interface InvokeBodySchemaProps<Body> extends StandardSchemaV1.Props<Body | string, Body> {
  readonly vendor: 'courier-automations-wasm';
  readonly validate: (value: unknown, options?: StandardSchemaV1.Options | undefined) => BodyResult<Body> | Promise<BodyResult<Body>>;
}
/** `{ value }` (the body) or `{ issues }`. */
export type BodyResult<Body> = StandardSchemaV1.SuccessResult<Body> | { readonly issues: ReadonlyArray<BodyIssue> };

export interface StandardSchemaOptions {
  /**
   * 'ad-hoc' (default): the body of POST /automations/invoke, checked by the validator at `level`.
   * 'by-template': the body of POST /automations/{templateId}/invoke, checked structurally
   * (recipient/brand/template strings or null, data/profile objects or null), at either level.
   */
  body?: 'ad-hoc' | 'by-template';
  /** default 'courier' */
  level?: ValidationLevel;
}

/** A Standard Schema v1 object for an invoke body. @throws {TypeError} for an unknown option or value */
export function standardSchema(options?: { body?: 'ad-hoc'; level?: ValidationLevel }): InvokeBodySchema<InvokeBody>;
export function standardSchema(options: { body: 'by-template'; level?: ValidationLevel }): InvokeBodySchema<TemplateInvokeBody>;
export function standardSchema(options?: StandardSchemaOptions): InvokeBodySchema<InvokeBody> | InvokeBodySchema<TemplateInvokeBody>;

/** The ad hoc body at the courier level: `standardSchema()`. */
export declare const invokeBodySchema: InvokeBodySchema<InvokeBody>;
