/**
 * The terminal timeline of a dry-run trace: every run's steps in virtual-time order, one line
 * per step, the messages a send would have sent beneath it, then one line per run's outcome.
 *
 *   2024-04-08T08:00:00.000Z  run 1  invoked  token delay-send--user-yes
 *   2024-04-08T08:00:00.000Z  run 1  step 1 delay   PROCESSED  until 2024-04-08T08:09:10.123Z
 *   2024-04-08T08:09:10.123Z  run 1  step 2 send    PROCESSED
 *                                      ✉ to user-yes  template 64TP…  data {"name":"Foo"}
 *
 * Steps and runs are numbered from 1 for humans, as in the playground: step 1 is
 * /automation/steps/0 (the trace's `index` 0).
 */
import { plural } from './report-format.js';

/** @typedef {{ index: number, action: string, ref?: string, status: string, startedAt?: string | null, finishedAt?: string | null, input?: any, output?: any, notes?: string[] | string }} Step */
/** @typedef {{ runId: string, invokedAt: string, status: string, cancelationToken?: string | null, parentRunId?: string | null, templateId?: string, steps: Step[] }} Run */
/** @typedef {{ runId: string, stepIndex: number, at: string, recipient?: string, template?: string, brand?: string, data?: any, profile?: any, list?: string }} Message */
/** @typedef {{ runs: Run[], messages?: Message[], profiles?: any, endedAt?: string }} Trace */

const TIME_WIDTH = 24;

/**
 * @param {Trace} trace
 * @param {ReturnType<typeof import('./style.js').makeStyle>} s
 * @returns {string}
 */
export function formatTimeline(trace, s) {
  const runs = trace.runs ?? [];
  const label = new Map(runs.map((r, i) => [r.runId, `run ${i + 1}`]));
  const labelWidth = Math.max(5, ...[...label.values()].map((l) => l.length));
  const messages = trace.messages ?? [];
  const indent = ' '.repeat(TIME_WIDTH + 2 + labelWidth + 2);
  /** @type {{ at: string | null, untimed?: boolean, order: number[], text: Array<string | { note: string }> }[]} */
  const events = [];

  runs.forEach((run, r) => {
    const who = s.bold(label.get(run.runId).padEnd(labelWidth));
    const origin = [];
    if (run.templateId) origin.push(`template ${run.templateId}`);
    if (run.parentRunId) origin.push(`invoked by ${label.get(run.parentRunId) ?? run.parentRunId}`);
    if (run.cancelationToken) origin.push(`token ${run.cancelationToken}`);
    events.push({
      at: run.invokedAt,
      order: [r, -1],
      text: [`${time(run.invokedAt, s)}  ${who}  ${s.blue('invoked')}  ${s.gray(run.runId)}${origin.length ? '  ' + origin.join('  ') : ''}`],
    });
    let last = run.invokedAt;
    for (const step of run.steps ?? []) {
      const at = step.startedAt ?? null;
      // A step never reached goes after its run's last moment (e.g. the cancel that stopped it).
      if (at) last = step.finishedAt ?? at;
      const head = `step ${step.index + 1} ${step.action}${step.ref ? ` (${step.ref})` : ''}`;
      /** @type {Array<string | { note: string }>} */
      const text = [`${time(at ?? null, s)}  ${who}  ${head.padEnd(22)} ${status(step.status, s)}${' '.repeat(Math.max(0, 13 - String(step.status).length))}  ${stepDetail(step, label)}`.trimEnd()];
      for (const m of messages.filter((m) => m.runId === run.runId && m.stepIndex === step.index)) {
        text.push(`${indent}${s.magenta('✉')} ${messageDetail(m)}`);
      }
      for (const note of notesOf(step)) text.push({ note });
      events.push({ at: at ?? last, untimed: !at, order: [r, step.index], text });
    }
  });

  events.sort((a, b) => cmpTime(a.at, b.at) || Number(Boolean(a.untimed)) - Number(Boolean(b.untimed)) ||
    a.order[0] - b.order[0] || a.order[1] - b.order[1]);
  // A note repeated on many steps (the delay variance) is printed the first time only.
  const printed = new Set();
  const lines = [];
  for (const entry of events.flatMap((e) => e.text)) {
    if (typeof entry === 'string') {
      lines.push(entry);
    } else if (!printed.has(entry.note)) {
      printed.add(entry.note);
      lines.push(`${indent}${s.dim('note: ' + entry.note)}`);
    }
  }
  lines.push('');
  for (const run of runs) {
    lines.push(`${s.bold(label.get(run.runId).padEnd(labelWidth))}  ${run.runId}  ${status(run.status, s)}`);
  }
  for (const w of trace.warnings ?? []) lines.push(`${s.yellow('warning')} ${w.path || '/'}: ${w.message}`);
  if (trace.error) lines.push(`${s.red(s.bold('error'))} ${trace.error}`);
  if (trace.pendingFetch) lines.push(`${s.yellow('waiting')} for a fetch-data response: ${JSON.stringify(trace.pendingFetch)}`);
  const sent = messages.length;
  lines.push(`${plural(runs.length, 'run')}, ${plural(sent, 'message')} would be sent${trace.endedAt ? `, ended at ${trace.endedAt}` : ''}`);
  return lines.join('\n') + '\n';
}

/** @param {string | null} at */
function time(at, s) {
  return at ? s.gray(String(at).padEnd(TIME_WIDTH)) : s.gray('—'.padEnd(TIME_WIDTH));
}

/** @param {string | null} a @param {string | null} b */
function cmpTime(a, b) {
  const x = a ? Date.parse(a) : Infinity;
  const y = b ? Date.parse(b) : Infinity;
  return (Number.isNaN(x) ? Infinity : x) - (Number.isNaN(y) ? Infinity : y);
}

/** @param {string} st */
function status(st, s) {
  switch (st) {
    case 'PROCESSED': return s.green(st);
    case 'CANCELED': return s.yellow(st);
    case 'ERROR': return s.red(s.bold(st));
    case 'SKIPPED': case 'NOT PROCESSED': return s.dim(st);
    default: return s.cyan(String(st));
  }
}

/** @param {Step} step @param {Map<string, string>} label */
function stepDetail(step, label) {
  const input = step.input ?? {};
  const output = step.output ?? {};
  const parts = [];
  switch (step.action) {
    case 'delay': {
      const d = input.duration ?? input.delayFor;
      const u = input.until ?? input.delayUntil;
      if (d !== undefined) parts.push(`duration ${show(d)}`);
      if (u !== undefined) parts.push(`until ${show(u)}`);
      if (step.status === 'CANCELED' && step.finishedAt) parts.push(`(canceled at ${step.finishedAt})`);
      else if (step.finishedAt && step.finishedAt !== step.startedAt) parts.push(`→ ${step.finishedAt}`);
      break;
    }
    case 'cancel': {
      const token = input.cancelation_token ?? input.cancelationToken ?? output.cancelation_token;
      if (token !== undefined) parts.push(`token ${show(token)}`);
      const canceled = output.canceled ?? output.canceledRuns ?? output.runs ?? output.runIds;
      if (typeof canceled === 'number') parts.push(`canceled ${plural(canceled, 'run')}`);
      else if (Array.isArray(canceled)) {
        parts.push(canceled.length ? `canceled ${canceled.map((id) => label.get(typeof id === 'string' ? id : id?.runId) ?? show(id)).join(', ')}` : 'canceled nothing');
      }
      break;
    }
    case 'send': case 'send-list':
      if (input.list !== undefined) parts.push(`list ${show(input.list)}`);
      break;
    case 'update-profile':
      if (input.recipient_id !== undefined) parts.push(`recipient ${show(input.recipient_id)}`);
      if (input.merge !== undefined) parts.push(`merge ${show(input.merge)}`);
      break;
    case 'fetch-data':
      if (input.webhook?.url !== undefined) parts.push(`${input.webhook.method ?? 'GET'} ${show(input.webhook.url)}`);
      break;
    case 'invoke': {
      if (input.template !== undefined) parts.push(`template ${show(input.template)}`);
      const child = output.runId;
      if (child) parts.push(`→ ${label.get(child) ?? child}`);
      break;
    }
    default:
  }
  if (step.status === 'ERROR' && (output.error ?? output.message)) parts.push(`error: ${show(output.error ?? output.message)}`);
  return parts.join('  ');
}

/** @param {Message} m */
function messageDetail(m) {
  const parts = [`to ${show(m.recipient)}`];
  if (m.list !== undefined) parts.push(`list ${show(m.list)}`);
  parts.push(`template ${show(m.template)}`);
  if (m.brand !== undefined && m.brand !== null) parts.push(`brand ${show(m.brand)}`);
  if (m.data !== undefined && m.data !== null && Object.keys(m.data).length) parts.push(`data ${JSON.stringify(m.data)}`);
  return parts.join('  ');
}

/** @param {Step} step @returns {string[]} */
function notesOf(step) {
  if (!step.notes) return [];
  const list = Array.isArray(step.notes) ? step.notes : [step.notes];
  return list.map((n) => (typeof n === 'string' ? n : n?.message ?? JSON.stringify(n)));
}

/** @param {unknown} v */
function show(v) {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
