// Type test of issue 15, item 1: one set of request types across the main entry, ./client and
// ./emulator. The flow below must compile, and each `@ts-expect-error` line must be an error
// (tsc fails on an unused one). On the client's old loose types (AdHocInvokeBody with an index
// signature) the flow failed with TS2345 and the step mistakes compiled.
import type { InvokeBody, Step, Report, Problem } from 'courier-automations-wasm';
import {
  AutomationsClient,
  type InvokeBody as ClientInvokeBody, type Step as ClientStep,
  type Report as ClientReport, type Problem as ClientProblem,
} from 'courier-automations-wasm/client';
import { startEmulator } from 'courier-automations-wasm/emulator';
import type { Fixtures } from 'courier-automations-wasm/dry-run';

async function flow(): Promise<void> {
  const body: InvokeBody = { recipient: 'u', automation: { steps: [{ action: 'send', template: 'T' }] } };
  const { runId }: { runId: string } = await new AutomationsClient({ apiKey: 'k' }).invokeAdHoc(body);
  const emulator = await startEmulator({ fixtures: { templates: { t: body } } });
  const c = new AutomationsClient({ apiKey: 'k', baseURL: emulator.url });
  await c.invokeByTemplate('t', { recipient: 'u', data: { a: 1 } });
  await emulator.close();
  // The emulator's fixtures are the dry run's.
  const f: Fixtures = { templates: { t: body } };
  await startEmulator({ fixtures: f });
}

// Declared once: each entry's name is the same type (assignable both ways).
const same1 = (x: InvokeBody): ClientInvokeBody => x;
const same2 = (x: ClientInvokeBody): InvokeBody => x;
const same3 = (x: Step): ClientStep => x;
const same4 = (x: ClientStep): Step => x;
const same5 = (x: ClientReport): Report => x;
const same6 = (x: ClientProblem): Problem => x;

async function mistakes(client: AutomationsClient): Promise<void> {
  // @ts-expect-error unknown action
  await client.invokeAdHoc({ automation: { steps: [{ action: 'sned', template: 'T' }] } });
  // @ts-expect-error a delay takes exactly one of duration / until, not both
  await client.invokeAdHoc({ automation: { steps: [{ action: 'delay', duration: '1 day', until: '2024-04-08T08:09:10Z' }] } });
  // @ts-expect-error a delay needs one of duration / until
  await client.invokeAdHoc({ automation: { steps: [{ action: 'delay' }] } });
  // @ts-expect-error unknown constructor option (maxRetries)
  new AutomationsClient({ apiKey: 'k', maxRetrys: 5 });
  // @ts-expect-error the emulator's templates are invoke bodies too
  await startEmulator({ fixtures: { templates: { t: { automation: { steps: [{ action: 'sned' }] } } } } });
}

// Errors: connection, timeout and abort errors are APIErrors without a status, under both names.
import {
  APIError, ConnectionError, TimeoutError, AbortError, NotFoundError,
  APIConnectionError, APIConnectionTimeoutError, APIUserAbortError,
} from 'courier-automations-wasm/client';
function errors(e: unknown): void {
  const a: APIError = new APIConnectionError();
  const b: ConnectionError = new APIConnectionTimeoutError({ idempotencyKey: 'k' });
  const c: APIError = new APIUserAbortError();
  const d: typeof ConnectionError = APIConnectionError;
  const f: typeof TimeoutError = APIConnectionTimeoutError;
  const g: typeof AbortError = APIUserAbortError;
  if (e instanceof APIError) { const s: number | undefined = e.status; const k: string | undefined = e.idempotencyKey; }
  if (e instanceof NotFoundError) { const s: 404 = e.status; }
  if (e instanceof APIConnectionError) { const s: undefined = e.status; }
  // @ts-expect-error an APIError's status may be undefined (no response)
  if (e instanceof APIError) { const s: number = e.status; }
}

// Per-call options and .withResponse().
import type { InvokeResult, InvokeOptions } from 'courier-automations-wasm/client';
async function perCall(client: AutomationsClient, body: InvokeBody, signal: AbortSignal): Promise<void> {
  const options: InvokeOptions = { timeout: 5000, maxRetries: 0, headers: { 'x-trace': 't' }, signal, idempotencyKey: 'k' };
  const { runId } = await client.invokeAdHoc(body, options);
  await client.invokeAdHoc(body, { headers: new Headers({ 'x-trace': 't' }) });
  const r: InvokeResult = await client.invokeAdHoc(body).withResponse();
  const { data, response, requestId, replayed } = await client.invokeByTemplate('t', { recipient: 'u' }).withResponse();
  const id: string = data.runId;
  const status: number = response.status;
  const rid: string | undefined = requestId;
  const again: boolean = replayed;
  // @ts-expect-error unknown call option
  await client.invokeAdHoc(body, { maxRetrys: 1 });
  // @ts-expect-error headers are strings
  await client.invokeAdHoc(body, { headers: { 'x-n': 1 } });
}

// Reads (issue 15 item 3): the newest SDK's list methods, awaitable to the first page and
// async-iterable over every page.
import type {
  AutomationTemplate, AutomationTemplateListResponse, AutomationRunListItem, AutomationRunListResponse,
  AutomationRunStepsResponse, RunListParams, ReadResult,
} from 'courier-automations-wasm/client';
import type { AutomationRunListResponse as EmulatorRunListResponse } from 'courier-automations-wasm/emulator';
async function reads(client: AutomationsClient, signal: AbortSignal): Promise<void> {
  const page: AutomationTemplateListResponse = await client.listTemplates();
  const cursor: string | undefined = page.cursor;
  for await (const t of client.listTemplates({ version: 'draft' })) { const tpl: AutomationTemplate = t; const v: 'published' | 'draft' = t.version; }
  const runs: AutomationRunListResponse = await client.listRuns({ status: ['PROCESSED', 'ERROR'], limit: 10 }, { signal, timeout: 5000, maxRetries: 1 });
  const next: string | undefined = runs.next_cursor;
  const same: EmulatorRunListResponse = runs;
  const params: RunListParams = { template_id: 'welcome', start_date: new Date(), end_date: '2024-04-08', cursor: 'c', limit: '20' };
  for await (const run of client.listRuns(params)) { const r: AutomationRunListItem = run; const id: string = run.run_id; }
  for await (const p of client.listRuns().pages()) { const list: AutomationRunListItem[] = p.runs; }
  const full: ReadResult<AutomationRunListResponse> = await client.listRuns().withResponse();
  const steps: AutomationRunStepsResponse = await client.listRunSteps('run-1');
  const { data, response, requestId } = await client.listRunSteps('run-1', { headers: { 'x-trace': 't' } }).withResponse();
  const action: string = data.steps[0].action;
  // @ts-expect-error the SDK's parameter is `status`
  client.listRuns({ statuses: 'ERROR' });
  // @ts-expect-error version is 'published' or 'draft'
  client.listTemplates({ version: 'latest' });
  // @ts-expect-error reads take no idempotencyKey (GETs are idempotent)
  client.listRunSteps('run-1', { idempotencyKey: 'k' });
  // @ts-expect-error the steps response is not a page
  for await (const s of client.listRunSteps('run-1')) { }
}
