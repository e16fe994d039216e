// Type test for the hand-written .d.ts of every entry (js/index.d.ts, js/dry-run/index.d.ts,
// js/client/index.d.ts): valid code must compile, and every `@ts-expect-error` line must really
// be an error. Run by `npm test` (tsc --noEmit).
import {
  init, version, validate, ValidationError, InitError,
  type InvokeBody, type Step, type Report, type Problem, type DelayStep,
} from 'courier-automations-wasm';
import {
  init as initDryRun, normalize, dryRun, dryRunSync, Simulator, validate as validateFromDryRun,
  ValidationError as DryRunValidationError, type Trace, type Scenario, type Report as DryRunReport,
} from 'courier-automations-wasm/dry-run';

declare const wasmModule: WebAssembly.Module;
declare const bytes: Uint8Array;

async function loading(): Promise<void> {
  await init();
  await init({ module: wasmModule });
  await init({ bytes });
  await init({ url: new URL('https://example.com/courier_automations.wasm') });
  // @ts-expect-error init takes a source object, not a string
  await init('caw_validate.wasm');
  const v: string = version();
  // The dry run's init takes its own module and, optionally, the validate-only one.
  await initDryRun();
  await initDryRun({ module: wasmModule, validate: { module: wasmModule } });
  // @ts-expect-error validate's source is a source object
  await initDryRun({ validate: 'caw_validate.wasm' });
}

// ./dry-run re-exports the main entry's validate, errors and types: the same declarations.
const sameValidate: typeof validate = validateFromDryRun;
const sameError: typeof ValidationError = DryRunValidationError;
const sameReport = (r: Report): DryRunReport => r;

const body: InvokeBody = {
  automation: {
    cancelation_token: 'delay-send--user-yes--abc-123',
    steps: [
      { action: 'delay', until: '20240408T080910.123' },
      { action: 'delay', duration: '2 days', if: "data.plan === 'pro'", ref: 'wait' },
      { action: 'delay', delayFor: '1 hour' },
      { action: 'send', template: '64TP5HKPFTM8VTK1Y75SJDQX9JK0', recipient: { $ref: 'data.userId' }, data: { a: 1 }, override: {} },
      { action: 'send', idempotency_key: 'k', idempotency_expiry: '1785312000' },
      { action: 'send-list', list: 'beta-users', template: 'T', brand: null, data_source: {
        webhook: { url: 'https://example.com/data', method: 'POST', body: '{}' }, merge_strategy: 'soft-merge' } },
      { action: 'update-profile', profile: { plan: 'pro' }, merge: 'soft-merge', recipient_id: 'user-yes' },
      { action: 'cancel', cancelation_token: 'tok' },
      { action: 'cancel', cancelationToken: 'tok' },
      { action: 'fetch-data', webhook: { url: 'https://example.com', method: 'GET', headers: { a: 'b' }, params: { q: 1 } }, merge_strategy: 'overwrite' },
      { action: 'invoke', template: 'onboarding', context: { data: { x: 1 }, recipient: 'u' } },
    ],
  },
  brand: null,
  data: { name: 'Foo' },
  profile: { tenant_id: 'abc-123' },
  recipient: 'user-yes',
};

// Narrowing on the discriminant.
function describe(step: Step): string {
  switch (step.action) {
    case 'delay': return String(step.duration ?? step.until);
    case 'send-list': return typeof step.list === 'string' ? step.list : step.list.$ref;
    case 'update-profile': return Object.keys(step.profile).join();
    case 'invoke': return typeof step.template === 'string' ? step.template : '';
    default: return step.action;
  }
}

// @ts-expect-error unknown action
const s1: Step = { action: 'sleep', duration: '1 day' };
// @ts-expect-error send-list needs a list
const s2: Step = { action: 'send-list', template: 'T' };
// @ts-expect-error update-profile needs a profile
const s3: Step = { action: 'update-profile', recipient_id: 'u' };
// @ts-expect-error cancel needs a token
const s4: Step = { action: 'cancel' };
// @ts-expect-error fetch-data needs a webhook
const s5: Step = { action: 'fetch-data', merge_strategy: 'replace' };
// @ts-expect-error webhook method is an enum
const s6: Step = { action: 'fetch-data', webhook: { url: 'https://x', method: 'FETCH' } };
// @ts-expect-error invoke needs a template
const s7: Step = { action: 'invoke', context: {} };
// @ts-expect-error merge is an enum
const s8: Step = { action: 'update-profile', profile: {}, merge: 'deep' };
// @ts-expect-error a delay has no template
const s9: DelayStep = { action: 'delay', duration: '1 day', template: 'T' };
// @ts-expect-error `if` is an expression string
const s10: Step = { action: 'send', if: true };
// @ts-expect-error steps is required
const b1: InvokeBody = { automation: {} };
// @ts-expect-error a fetch-data merge_strategy is an enum
const s11: Step = { action: 'fetch-data', webhook: { url: 'https://x', method: 'GET' }, merge_strategy: 'merge' };
// @ts-expect-error idempotency_expiry is a string (epoch seconds or ISO 8601), as the engine checks it
const s12: Step = { action: 'send', idempotency_expiry: 1785312000 };
// @ts-expect-error a delay has exactly one of duration / until (or a deprecated alias)
const s13: Step = { action: 'delay', duration: '1 day', until: '2024-04-08T08:09:10Z' };
// @ts-expect-error a delay needs one of them
const s14: Step = { action: 'delay' };
// @ts-expect-error a cancel step spells its token one way, not both
const s15: Step = { action: 'cancel', cancelation_token: 't', cancelationToken: 't' };

function reports(): void {
  const canonical: string = normalize(body, { indent: 2 });
  normalize('{"automation":{"steps":[]}}');
  const r: Report = validate(body, { level: 'courier' });
  validate(new TextEncoder().encode('{}'), { level: 'schema' });
  // @ts-expect-error level is 'schema' | 'courier'
  validate(body, { level: 'strict' });
  const p: Problem | undefined = r.errors[0];
  if (p) {
    const where: string = `${p.path} ${p.line ?? '?'}:${p.column ?? '?'} ${p.hint ?? ''} ${p.code} ${p.message}`;
  }
  const ok: boolean = r.valid && r.warnings.length === 0;
  try { normalize('{'); } catch (e) {
    if (e instanceof ValidationError) { const rep: Report = e.report; }
    if (e instanceof InitError) { const m: string = e.message; }
  }
}

async function dryRuns(): Promise<void> {
  const scenario: Scenario = {
    now: '2024-04-01T00:00:00Z',
    seed: 7,
    fixtures: {
      profiles: { 'user-yes': { email: 'a@example.com' } },
      lists: { 'beta-users': ['u1', 'u2'] },
      templates: { onboarding: body },
      webhooks: [{ method: 'GET', url: 'https://example.com', response: { plan: 'pro' } }],
    },
    invocations: [{ request: body }, { at: '2024-04-02T00:00:00Z', templateId: 'onboarding', request: { recipient: 'u1' } }],
  };
  const trace: Trace = await dryRun(scenario, { detail: 'full' });
  const t2: Trace = await dryRun(body, { now: new Date(), fetch: async (req) => ({ url: req.url }) });
  const t3: Trace = dryRunSync(body, { seed: 1 });
  for (const run of trace.runs) {
    const id: string = run.runId;
    const parent: string | undefined = run.parentRunId;
    for (const step of run.steps) {
      const st: 'SKIPPED' | 'NOT PROCESSED' | 'PROCESSED' | 'PROCESSING' | 'WAITING' | 'CANCELED' | 'ERROR' = step.status;
      const n: number = step.index;
    }
  }
  const m = trace.messages[0];
  if (m) { const at: string = m.at; const i: number = m.stepIndex; const l: string | undefined = m.list; }
  const ended: string = trace.endedAt;
  // @ts-expect-error a scenario needs invocations
  await dryRun({ now: '2024-04-01T00:00:00Z' } satisfies Scenario);
  // @ts-expect-error dryRunSync takes no fetch
  dryRunSync(body, { fetch: async () => ({}) });

  const sim = await Simulator.create({ now: '2024-04-01T00:00:00Z', fixtures: scenario.fixtures });
  const runId: string | null = sim.invoke(body);
  await sim.advance('1 day');
  await sim.runUntilIdle();
  const now: string = sim.now();
  const tr: Trace = sim.trace();
  sim.delete();
  // @ts-expect-error Simulator instances come from Simulator.create
  new Simulator();
}

// The .wasm exports are typed as the precompiled modules hosts like Workers hand to init().
import wasm from 'courier-automations-wasm/wasm';
import wasmAlias from 'courier-automations-wasm/caw_validate.wasm';
import dryRunWasm from 'courier-automations-wasm/dry-run/wasm';
import dryRunWasmAlias from 'courier-automations-wasm/courier_automations.wasm';
async function hostModule(): Promise<void> {
  await init({ module: wasm });
  await initDryRun({ module: dryRunWasm, validate: { module: wasmAlias } });
  const m: WebAssembly.Module = dryRunWasmAlias;
}

// The client (./client, wasm-free) takes the main entry's validate as its validator.
import {
  AutomationsClient, ValidationError as ClientValidationError,
  type ClientOptions, type InvokeResponse, type Validator, type Report as ClientReport,
} from 'courier-automations-wasm/client';
function clientTypes(): void {
  const options: ClientOptions = { apiKey: 'k' };
  const res: InvokeResponse = { runId: '1-65f240a0-47a6a120c8374de9bcf9f22c' };
  // The package's validate fits the client's validator hook.
  const v: Validator = validate;
  const c = new AutomationsClient({ ...options, validator: validate });
  // One Report and one ValidationError, declared once.
  const r = (x: Report): ClientReport => x;
  const e: typeof ValidationError = ClientValidationError;
}
// @ts-expect-error the main entry has no client any more (it is ./client)
import { AutomationsClient as NotHere } from 'courier-automations-wasm';
// @ts-expect-error nor normalize (it is ./dry-run)
import { normalize as NorThis } from 'courier-automations-wasm';

// Standard Schema v1 (issue 15 item 4): the schemas are the spec's StandardSchemaV1, checked
// against the spec's own types (@standard-schema/spec), with the body types as output.
import { standardSchema, invokeBodySchema, type InvokeBodySchema, type TemplateInvokeBody, type BodyIssue } from 'courier-automations-wasm';
import type { StandardSchemaV1 as Spec } from '@standard-schema/spec';
async function standard(): Promise<void> {
  const a: Spec<InvokeBody | string, InvokeBody> = invokeBodySchema;
  const b: Spec = standardSchema({ body: 'by-template', level: 'schema' });
  const c: InvokeBodySchema<InvokeBody> = standardSchema({ level: 'schema' });
  const d: InvokeBodySchema<TemplateInvokeBody> = standardSchema({ body: 'by-template' });
  const out: InvokeBody = null as unknown as Spec.InferOutput<typeof invokeBodySchema>;
  const tpl: TemplateInvokeBody = null as unknown as Spec.InferOutput<typeof d>;
  const vendor: 'courier-automations-wasm' = invokeBodySchema['~standard'].vendor;
  const result = await invokeBodySchema['~standard'].validate('{}');
  if (result.issues) {
    const first: BodyIssue = result.issues[0];
    const segment: string | number | undefined = first.path[0];
    const specIssue: Spec.Issue = first;
  } else {
    const body: InvokeBody = result.value;
  }
  // @ts-expect-error unknown body kind
  standardSchema({ body: 'template' });
  // @ts-expect-error unknown level
  standardSchema({ level: 'strict' });
  // @ts-expect-error the output is an InvokeBody, not a template body
  const wrong: Spec<unknown, { recipient: number }> = invokeBodySchema;
}
