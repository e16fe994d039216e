/**
 * The playground. Uses only the package's public browser entry of ./dry-run (served at /pkg/js/dry-run/browser.js)
 * and, for "invoke for real", its wasm-free client (/pkg/js/client/index.js).
 */
import * as caw from '/pkg/js/dry-run/browser.js';
import { Editor } from './editor.js';
import { placeName, stepPath } from './numbering.js';
import { formatDuration, renderTimeline, toMs } from './timeline.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const DEBOUNCE_MS = 250;

const state = {
  examples: [],
  trace: null,
  selected: /** @type {[number, number] | null} */ (null),
  seq: 0,
  timer: 0,
  scenarioMode: false,
  payloadDoc: null,
};

const payloadEditor = new Editor($('payload-editor'), { onChange: schedule });
const fixturesEditor = new Editor($('fixtures-editor'), { onChange: schedule });
const editors = { payload: payloadEditor, fixtures: fixturesEditor };

for (const id of ['level', 'now', 'seed']) $(id).addEventListener('input', schedule);
$('examples').addEventListener('change', () => {
  const value = /** @type {HTMLSelectElement} */ ($('examples')).value;
  if (value) loadExample(value);
});

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(update, DEBOUNCE_MS);
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const pretty = (v) => JSON.stringify(v, null, 2) ?? 'undefined';

/* ---------------------------------------------------------------- validation */

/** The package puts the fixtures editor's problems here, located in that editor's text. */
const FIXTURES_PATH = '/options/fixtures';

/**
 * A problem of the package's report, sent to the editor whose text it is located in: the
 * fixtures editor's under FIXTURES_PATH (shown relative to it), other options' (the clock
 * fields) in none, the rest in the payload editor.
 */
function toEditor(p, severity) {
  const path = String(p.path ?? '');
  if (path === FIXTURES_PATH || path.startsWith(`${FIXTURES_PATH}/`)) {
    return { ...p, severity, editor: 'fixtures', path: path.slice(FIXTURES_PATH.length) };
  }
  return { ...p, severity, editor: path === '/options' || path.startsWith('/options/') ? null : 'payload' };
}

/** @returns {Array<any>} every problem of one report, each with its severity and editor */
function reportProblems(report) {
  const out = [];
  for (const [list, severity] of [[report?.errors, 'error'], [report?.warnings, 'warning']]) {
    for (const p of list ?? []) out.push(toEditor(p, severity));
  }
  return out;
}

/** The dry run's options from the clock fields (a bare payload only) and the fixtures editor. */
function dryRunOptions(fxText) {
  const options = { detail: 'full' };
  if (fxText.trim() !== '') options.fixtures = fxText; // as text: the package locates its problems in it
  if (!state.scenarioMode) {
    const now = /** @type {HTMLInputElement} */ ($('now')).value.trim();
    if (now) options.now = now;
    const seed = Number(/** @type {HTMLInputElement} */ ($('seed')).value);
    if (Number.isInteger(seed) && seed >= 0) options.seed = seed;
  }
  return options;
}

/** The payload's value (for "invoke for real" and the mode), or null when it is not JSON. */
function parseOrNull(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function update() {
  const seq = ++state.seq;
  const level = /** @type {HTMLSelectElement} */ ($('level')).value;
  const text = payloadEditor.value;
  const fxText = fixturesEditor.value;
  const doc = parseOrNull(text);
  state.scenarioMode = doc === null ? /"invocations"\s*:/.test(text) : isObject(doc) && 'invocations' in doc;
  $('mode').textContent = state.scenarioMode ? 'scenario: now, seed, fixtures, invocations' : 'ad hoc invoke body';
  for (const id of ['now', 'seed']) /** @type {HTMLInputElement} */ ($(id)).disabled = state.scenarioMode;
  $('clock').classList.toggle('off', state.scenarioMode);
  $('clock-hint').textContent = state.scenarioMode ? 'the scenario sets its own now and seed' : 'used when the editor holds a bare payload';
  state.payloadDoc = doc;
  const edited = !state.loaded || state.loaded.payload !== text || state.loaded.fixtures !== fxText;
  $('example-description').classList.toggle('edited', edited);

  // One report: the dry run's (it validates every request at the courier level before it runs
  // anything, so a refused run's report is the validator's), or at the schema level the
  // validator's, unless the dry run then refuses what Courier would refuse.
  let report = level === 'schema' && !state.scenarioMode ? caw.validate(text, { level: 'schema' }) : null;
  let trace = null;
  let runError = null;
  if (report === null || report.valid) {
    try {
      trace = await caw.dryRun(text, dryRunOptions(fxText));
      report ??= { valid: true, errors: [], warnings: trace.warnings ?? [] };
    } catch (e) {
      if (e?.report) report = e.report;
      else runError = `Dry run failed: ${e?.message ?? e}`;
    }
  }
  if (seq !== state.seq) return; // a newer edit already started
  const problems = reportProblems(report);
  renderProblems(problems);
  renderTrace(trace, runError, problems);
}

/* ---------------------------------------------------------------- rendering */

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

function renderProblems(problems) {
  const list = $('problems');
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
    ((a.editor === 'fixtures') - (b.editor === 'fixtures')) || ((a.line ?? 1e9) - (b.line ?? 1e9)) || ((a.column ?? 0) - (b.column ?? 0)));
  $('problem-summary').textContent = problems.length
    ? `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`
    : 'valid';
  $('problem-summary').className = `summary ${errors ? 'bad' : warnings ? 'warn' : 'good'}`;
  const items = problems.map((p) => {
    const where = p.line ? `${p.editor === 'fixtures' ? 'fixtures ' : ''}${p.line}:${p.column}` : '';
    const li = h('li', { class: `problem ${p.severity}`, tabindex: where ? 0 : undefined, 'data-line': p.line, 'data-editor': p.editor ?? '' },
      h('span', { class: 'sev', text: p.severity === 'error' ? '✕' : '!', 'aria-label': p.severity }),
      h('div', { class: 'problem-body' },
        h('div', { class: 'problem-msg', text: p.message }),
        p.hint ? h('div', { class: 'problem-hint', text: `Hint: ${p.hint}` }) : null,
        h('div', { class: 'problem-meta' },
          p.editor === 'payload' && placeName(p.path) ? h('span', { class: 'place', text: placeName(p.path) }) : null,
          h('code', { class: 'path', text: p.path || '/' }),
          p.code ? h('span', { class: 'code', text: p.code }) : null)),
      where ? h('span', { class: 'loc', text: where }) : null);
    if (where) {
      const go = () => editors[p.editor]?.select(p.line, p.column);
      li.addEventListener('click', go);
      li.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
    }
    return li;
  });
  if (!items.length) items.push(h('li', { class: 'ok', text: 'No problems: the payload is valid at this level.' }));
  list.replaceChildren(...items);
  for (const [name, editor] of Object.entries(editors)) {
    editor.setMarks(problems.filter((p) => p.editor === name && p.line).map((p) => ({ line: p.line, severity: p.severity, message: p.message })));
  }
}

function renderTrace(trace, runError, problems) {
  const host = $('timeline');
  if (!trace) {
    state.trace = null;
    const why = runError ?? (problems.some((p) => p.severity === 'error') ? 'Fix the errors to see the dry run.' : 'Nothing to run.');
    host.replaceChildren(h('p', { class: runError ? 'empty bad' : 'empty', text: why }));
    $('run-summary').textContent = '–';
    $('messages').replaceChildren(h('p', { class: 'empty', text: 'Messages that would be sent appear here.' }));
    $('message-count').textContent = '–';
    showStep(null);
    return;
  }
  state.trace = trace;
  const runs = trace.runs ?? [];
  if (state.selected && !runs[state.selected[0]]?.steps?.[state.selected[1]]) state.selected = null;
  // Nothing chosen yet: show the most telling step (the first canceled or failed one, else the first).
  if (!state.selected && runs.length) {
    let pick = [0, 0];
    runs.some((r, i) => (r.steps ?? []).some((st, j) => {
      if (st.status === 'CANCELED' || st.status === 'ERROR') { pick = [i, j]; return true; }
      return false;
    }));
    if (runs[pick[0]]?.steps?.[pick[1]]) state.selected = pick;
  }
  const counts = {};
  for (const r of runs) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const times = runs.map((r) => toMs(r.invokedAt)).filter((t) => t !== null);
  const span = times.length && toMs(trace.endedAt) !== null ? toMs(trace.endedAt) - Math.min(...times) : null;
  $('run-summary').textContent = [
    `${runs.length} run${runs.length === 1 ? '' : 's'}`,
    ...Object.entries(counts).map(([s, n]) => `${n} ${String(s).toLowerCase()}`),
    `${(trace.messages ?? []).length} message${(trace.messages ?? []).length === 1 ? '' : 's'}`,
    span !== null ? `spans ${formatDuration(span).replaceAll(' ', '\u00a0')} of virtual time` : null, // a duration never breaks
  ].filter(Boolean).join(' · ');
  $('run-summary').className = `summary${trace.error || counts.ERROR ? ' bad' : ''}`;
  if (trace.error) $('run-summary').textContent += ` · stopped: ${trace.error}`;
  drawTimeline();
  renderMessages(trace);
  showStep(state.selected);
}

function drawTimeline() {
  const host = $('timeline');
  const left = host.scrollLeft;
  renderTimeline(host, state.trace, {
    selected: state.selected,
    onSelect: (r, s) => {
      state.selected = [r, s];
      drawTimeline();
      showStep(state.selected);
    },
  });
  host.scrollLeft = left; // selecting a step redraws; the view stays where it was
  updateScrollCue();
}

/** Scrolls the timeline sideways so the selected step's start shows beside the sticky run labels. */
function revealSelected() {
  const host = $('timeline');
  const step = host.querySelector('g.step.selected');
  if (!step) return;
  const box = host.getBoundingClientRect();
  const from = box.left + (host.querySelector('svg.timeline-labels')?.getBoundingClientRect().width ?? 0);
  const { left } = step.getBoundingClientRect();
  if (left < from || left > box.right - 32) host.scrollLeft += left - from - 16;
}

/** The timeline scrolls inside its card: a fade and a "scroll for more" cue while steps are hidden to the right. */
function updateScrollCue() {
  const host = $('timeline');
  const scrollable = host.scrollWidth > host.clientWidth + 1;
  const more = host.scrollLeft + host.clientWidth < host.scrollWidth - 1;
  $('timeline-cue').hidden = !scrollable;
  $('timeline-cue').classList.toggle('at-end', !more);
  $('timeline-frame').classList.toggle('more-right', more);
  $('timeline-frame').classList.toggle('scrolled', host.scrollLeft > 0);
}
$('timeline').addEventListener('scroll', updateScrollCue, { passive: true });

// Redrawn for the width it is shown at (a phone turned sideways, a window resized).
let lastWidth = 0;
new ResizeObserver(() => {
  const width = $('timeline').clientWidth;
  if (width === lastWidth) return;
  lastWidth = width;
  if (state.trace) drawTimeline();
  else updateScrollCue();
}).observe($('timeline'));

/* Problems sit beside the editor on a wide screen (the right column, where the dry run would be
 * when there are errors) and right under it on a narrow one. */
const wide = matchMedia('(min-width: 1100px)');
function placeProblems() {
  const card = $('problems-card');
  if (wide.matches) $('right-pane').prepend(card);
  else $('payload-card').after(card);
}
wide.addEventListener('change', placeProblems);
placeProblems();

function renderMessages(trace) {
  const runs = trace.runs ?? [];
  const messages = trace.messages ?? [];
  $('message-count').textContent = `${messages.length}`;
  if (!messages.length) {
    $('messages').replaceChildren(h('p', { class: 'empty', text: 'No message would be sent.' }));
    return;
  }
  const runIndex = new Map(runs.map((r, i) => [r.runId, i]));
  $('messages').replaceChildren(...messages.map((m) => {
    const r = runIndex.get(m.runId);
    const link = h('button', { type: 'button', class: 'link', text: `Run ${r === undefined ? '?' : r + 1} · step ${m.stepIndex + 1}` });
    link.addEventListener('click', () => {
      if (r === undefined) return;
      state.selected = [r, m.stepIndex];
      drawTimeline();
      revealSelected();
      showStep(state.selected);
    });
    return h('article', { class: 'message' },
      h('div', { class: 'message-head' },
        h('span', { class: 'envelope', text: '✉' }),
        h('code', { class: 'template', text: String(m.template ?? '—') }),
        // The arrow wraps with its recipient, never alone at the end of a line.
        h('span', { class: 'to' },
          h('span', { class: 'arrow', text: '→' }),
          h('span', { class: 'recipient', text: typeof m.recipient === 'string' ? m.recipient : pretty(m.recipient) })),
        m.brand ? h('span', { class: 'tag', text: `brand ${m.brand}` }) : null,
        m.list ? h('span', { class: 'tag', text: `list ${m.list}` }) : null),
      h('div', { class: 'message-meta' }, h('span', { text: String(m.at ?? '') }), link),
      h('details', { class: 'json-details', open: messages.length <= 3 ? true : undefined },
        h('summary', { text: 'merged data' }), h('pre', { class: 'json', text: pretty(m.data ?? {}) })),
      m.profile && Object.keys(m.profile).length ? h('details', { class: 'json-details' },
        h('summary', { text: 'profile' }), h('pre', { class: 'json', text: pretty(m.profile) })) : null);
  }));
}

function showStep(sel) {
  const host = $('step-details');
  const run = sel ? state.trace?.runs?.[sel[0]] : null;
  const step = run?.steps?.[sel[1]];
  if (!step) {
    $('step-title').textContent = 'click a step';
    host.replaceChildren(h('p', { class: 'empty', text: 'Click a bar or marker in the timeline to see the step\'s input and output.' }));
    return;
  }
  $('step-title').textContent = `Run ${sel[0] + 1} · step ${sel[1] + 1} · ${step.action}`;
  const s = toMs(step.startedAt);
  const f = toMs(step.finishedAt);
  const rows = [
    ['status', h('span', { class: `pill status-${String(step.status).toLowerCase().replace(/\s+/g, '-')}`, text: String(step.status) })],
    step.ref ? ['ref', h('code', { text: step.ref })] : null,
    ['started', step.startedAt ?? '—'],
    ['finished', step.finishedAt ?? '—'],
    s !== null && f !== null ? ['took', f > s ? `${formatDuration(f - s)} (virtual)` : 'no virtual time'] : null,
    ['pointer', h('code', { text: stepPath(sel[1]) })],
    ['run', `Run ${sel[0] + 1} · ${run.status}`],
    // Whole or cut with an ellipsis, never broken mid-id; the title and a copy hold all of it.
    ['run id', h('code', { class: 'run-id-full', title: String(run.runId), text: String(run.runId) })],
  ].filter(Boolean);
  host.replaceChildren(...[
    h('dl', { class: 'kv' }, ...rows.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', {}, v)])),
    Array.isArray(step.notes) && step.notes.length ? h('ul', { class: 'notes' }, ...step.notes.map((n) => h('li', { text: typeof n === 'string' ? n : pretty(n) }))) : null,
    h('div', { class: 'io' },
      h('div', {}, h('h3', { text: 'Input' }), h('pre', { class: 'json', text: pretty(step.input ?? null) })),
      h('div', {}, h('h3', { text: 'Output' }), h('pre', { class: 'json', text: pretty(step.output ?? null) }))),
  ].filter(Boolean));
}

/* ---------------------------------------------------------------- examples */

async function loadExamples() {
  const res = await fetch('./examples/index.json');
  state.examples = await res.json();
  const select = /** @type {HTMLSelectElement} */ ($('examples'));
  select.replaceChildren(...state.examples.map((e) => h('option', { value: e.id, text: e.title })));
  const wanted = new URLSearchParams(location.hash.slice(1)).get('example');
  const first = state.examples.find((e) => e.id === wanted) ?? state.examples[0];
  if (first) {
    select.value = first.id;
    await loadExample(first.id);
  }
}

async function loadExample(id) {
  const ex = state.examples.find((e) => e.id === id);
  if (!ex) return;
  const get = async (file) => (file ? (await fetch(`./examples/${file}`)).text() : '');
  const [payload, fixtures] = await Promise.all([get(ex.payload), get(ex.fixtures)]);
  payloadEditor.value = payload.replace(/\s+$/, '') + '\n';
  fixturesEditor.value = fixtures ? fixtures.replace(/\s+$/, '') + '\n' : '{}\n';
  if (ex.now) /** @type {HTMLInputElement} */ ($('now')).value = ex.now;
  $('example-description').textContent = ex.description ?? '';
  state.loaded = { payload: payloadEditor.value, fixtures: fixturesEditor.value };
  state.selected = null;
  clearTimeout(state.timer);
  delete document.body.dataset.example;
  await update();
  document.body.dataset.example = id; // loaded, validated and dry-run (tests wait for it)
}

/* ---------------------------------------------------------------- invoke for real */

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
function baseIsLocal() {
  try {
    return LOOPBACK.has(new URL(/** @type {HTMLInputElement} */ ($('base-url')).value).hostname);
  } catch {
    return true;
  }
}
function refreshAck() {
  $('ack-row').hidden = baseIsLocal();
}
$('base-url').addEventListener('input', refreshAck);

$('invoke-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = $('invoke-result');
  out.hidden = false;
  out.className = 'invoke-result';
  const say = (msg, cls = '') => { out.textContent = msg; out.className = `invoke-result ${cls}`; };
  const doc = state.payloadDoc;
  if (!doc) return say('The editor does not hold valid JSON.', 'bad');
  if (!baseIsLocal() && !/** @type {HTMLInputElement} */ ($('ack')).checked) {
    return say('Not sending a key from a page to a non-local URL. Tick the box if this really is a private tool — or better, invoke from your server.', 'bad');
  }
  const key = /** @type {HTMLInputElement} */ ($('api-key')).value.trim() || 'emulator-test-key';
  const requests = state.scenarioMode
    ? (Array.isArray(doc.invocations) ? doc.invocations : []).map((i) => ({ templateId: i?.templateId, body: i?.request }))
    : [{ body: doc }];
  say('Sending…');
  try {
    const { AutomationsClient } = await import('/pkg/js/client/index.js');
    const client = new AutomationsClient({
      apiKey: key,
      baseURL: /** @type {HTMLInputElement} */ ($('base-url')).value,
      dangerouslyAllowBrowser: true,
      timeout: 15_000,
      validator: typeof caw.validate === 'function' ? (body, options) => caw.validate(body, options) : undefined,
    });
    const lines = [];
    for (const r of requests) {
      const res = r.templateId ? await client.invokeByTemplate(r.templateId, r.body ?? {}) : await client.invokeAdHoc(r.body);
      lines.push(`${r.templateId ? `template ${r.templateId}` : 'ad hoc'} → runId ${res.runId}`);
    }
    say(lines.join('\n') || 'Nothing to send.', 'good');
  } catch (e) {
    const cors = e?.name === 'ConnectionError'
      ? `\nIs the server running? A browser also needs it to allow this page's origin (${location.origin}) with CORS: ` +
        'answer the OPTIONS preflight with Access-Control-Allow-Origin and allow the Authorization, Content-Type and Idempotency-Key headers.'
      : '';
    say(`${e?.name ?? 'Error'}: ${e?.message ?? e}${e?.report ? `\n${e.report.errors.map((p) => `  ${p.path || '/'}: ${p.message}`).join('\n')}` : ''}${cors}`, 'bad');
  }
});

/* ---------------------------------------------------------------- start */

try {
  await caw.init();
  $('engine').textContent = `wasm v${caw.version()}`;
  $('engine').classList.add('ready');
  refreshAck();
  await loadExamples();
  document.body.dataset.ready = 'true';
} catch (e) {
  $('engine').textContent = 'wasm failed to load';
  $('engine').classList.add('bad');
  $('timeline').replaceChildren(h('p', { class: 'empty bad', text: `Could not start: ${e?.message ?? e}` }));
  document.body.dataset.ready = 'error';
  throw e;
}
