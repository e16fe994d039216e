/**
 * The dry run as a waterfall: one row per run, one bar (waits) or marker (instant steps) per
 * step, on a compressed virtual-time axis. Every distinct instant gets room for the instant
 * steps that happen at it, and the gap to the next instant grows with the log of its length,
 * so a one-second step and a one-day delay are both readable; long gaps are drawn as bands
 * labelled with their real length. The run labels are a separate SVG that stays put (CSS sticky)
 * while the steps scroll sideways inside the card.
 */
import { stepName, stepPath } from './numbering.js';

const NS = 'http://www.w3.org/2000/svg';
const LABEL_W = 200;
/** Run labels on a phone: title, short id and status stacked in a narrower column. */
const LABEL_W_NARROW = 120;
const NARROW_BELOW = 560;
const TOP = 46;
const ROW_H = 62;
const SLOT_W = 66;
const LEFT_PAD = 18;
const RIGHT_PAD = 120;

/** @param {unknown} v @returns {number | null} */
export function toMs(v) {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return v;
  const t = Date.parse(String(v));
  return Number.isNaN(t) ? null : t;
}

/** Pixels for a gap of `ms` virtual milliseconds. */
export function gapWidth(ms) {
  return ms <= 0 ? 0 : 24 + 19 * Math.log10(1 + ms / 1000);
}

/** "1 d", "2 h 5 m", "9 m 10 s", "250 ms" */
export function formatDuration(ms) {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const units = [['y', 365 * 86400e3], ['d', 86400e3], ['h', 3600e3], ['m', 60e3], ['s', 1e3]];
  const parts = [];
  let rest = ms;
  for (const [name, size] of units) {
    if (rest >= size) {
      const n = Math.floor(rest / size);
      parts.push(`${n} ${name}`);
      rest -= n * size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

function el(name, attrs = {}, parent) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  parent?.append(node);
  return node;
}

function text(parent, x, y, content, cls, anchor = 'middle') {
  const t = el('text', { x, y, class: cls, 'text-anchor': anchor }, parent);
  t.textContent = content;
  return t;
}

const pad2 = (n) => String(n).padStart(2, '0');
function clock(ms, withDate) {
  const d = new Date(ms);
  const hms = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  const frac = d.getUTCMilliseconds() ? `.${String(d.getUTCMilliseconds()).padStart(3, '0')}` : '';
  if (!withDate) return hms + frac;
  const month = d.toLocaleString('en', { month: 'short', timeZone: 'UTC' });
  return `${month} ${d.getUTCDate()} ${hms}${frac}`;
}

const shortId = (id) => (typeof id === 'string' && id.length > 14 ? `${id.slice(0, 11)}…` : String(id ?? '?'));

/**
 * Computes the layout: the x of every step and every instant. Exported for tests.
 * @param {any} trace
 */
export function layout(trace, { fit = 0, labelW = LABEL_W } = {}) {
  const runs = Array.isArray(trace?.runs) ? trace.runs : [];
  const times = new Set();
  /** per run: Map time -> number of instant steps at that time */
  const perRun = runs.map((run) => {
    const counts = new Map();
    const inv = toMs(run.invokedAt);
    if (inv !== null) times.add(inv);
    for (const step of run.steps ?? []) {
      const s = toMs(step.startedAt);
      const f = toMs(step.finishedAt);
      if (s !== null) times.add(s);
      if (f !== null) times.add(f);
      if (s !== null && (f === null ? false : f <= s)) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    return counts;
  });
  for (const m of trace?.messages ?? []) {
    const t = toMs(m.at);
    if (t !== null) times.add(t);
  }
  const ended = toMs(trace?.endedAt);
  if (ended !== null) times.add(ended);
  const anchors = [...times].sort((a, b) => a - b);
  const xIn = new Map();
  const xOut = new Map();
  const gaps = [];
  const slotsAt = anchors.map((t) => Math.max(0, ...perRun.map((c) => c.get(t) ?? 0)));
  // Instant steps get slots wide enough for their longest label.
  let longest = 0;
  for (const run of runs) for (const step of run.steps ?? []) {
    const st = toMs(step.startedAt);
    const fi = toMs(step.finishedAt);
    if (st !== null && fi !== null && fi <= st) longest = Math.max(longest, label(step).length);
  }
  const slotW = Math.min(120, Math.max(SLOT_W, longest * 6.4 + 14));
  // Stretch (or squeeze, down to 0.6x) the gaps, never the slots, to fill `fit` pixels.
  const natural = anchors.slice(1).reduce((sum, t, k) => sum + gapWidth(t - anchors[k]), 0);
  const fixed = labelW + LEFT_PAD + slotsAt.reduce((a, b) => a + b, 0) * slotW;
  const stretch = natural > 0 && fit > 0 ? Math.min(6, Math.max(0.6, (fit - fixed) / natural)) : 1;
  let x = labelW + LEFT_PAD;
  anchors.forEach((t, k) => {
    if (k > 0) {
      const gap = t - anchors[k - 1];
      const w = gapWidth(gap) * stretch;
      gaps.push({ from: x, to: x + w, ms: gap });
      x += w;
    }
    xIn.set(t, x);
    x += slotsAt[k] * slotW;
    xOut.set(t, x);
  });
  return { runs, anchors, xIn, xOut, gaps, width: x, perRun, slotW, labelW };
}

/**
 * Draws the trace into `svgHost` (emptied first).
 * @param {HTMLElement} svgHost
 * @param {any} trace
 * @param {{ onSelect?: (runIndex: number, stepIndex: number) => void, selected?: [number, number] | null }} [options]
 */
export function renderTimeline(svgHost, trace, { onSelect, selected } = {}) {
  const hostWidth = svgHost.clientWidth || 0;
  const narrow = hostWidth > 0 && hostWidth < NARROW_BELOW;
  const available = Math.max(640, hostWidth - 2);
  const { runs, anchors, xIn, xOut, gaps, width: contentWidth, slotW, labelW } =
    layout(trace, { fit: available - RIGHT_PAD, labelW: narrow ? LABEL_W_NARROW : LABEL_W });
  const width = Math.max(contentWidth + RIGHT_PAD, available);
  const height = TOP + Math.max(1, runs.length) * ROW_H + 12;
  // The steps' SVG keeps the whole coordinate system and shows it from x = labelW on.
  const svg = el('svg', {
    width: width - labelW, height, viewBox: `${labelW} 0 ${width - labelW} ${height}`, class: 'timeline', role: 'img',
    'aria-label': `Dry-run timeline: ${runs.length} run(s)`,
  });
  const labels = el('svg', { width: labelW, height, viewBox: `0 0 ${labelW} ${height}`, class: 'timeline-labels', 'aria-hidden': 'true' });
  el('rect', { x: 0, y: 0, width: labelW, height, class: 'row' }, labels); // opaque over the scrolled axis

  const defs = el('defs', {}, svg);
  const hatch = el('pattern', { id: 'wait-hatch', width: 7, height: 7, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, defs);
  el('rect', { width: 7, height: 7, class: 'wait-bg' }, hatch);
  el('line', { x1: 0, y1: 0, x2: 0, y2: 7, class: 'wait-line' }, hatch);
  const arrow = el('marker', { id: 'spawn-arrow', viewBox: '0 0 8 8', refX: 4, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto' }, defs);
  el('path', { d: 'M0 0 L8 4 L0 8 z', class: 'spawn-arrow' }, arrow);
  const cancelArrow = el('marker', { id: 'cancel-arrow', viewBox: '0 0 8 8', refX: 4, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto' }, defs);
  el('path', { d: 'M0 0 L8 4 L0 8 z', class: 'cancel-arrow' }, cancelArrow);

  // Row backgrounds and labels.
  runs.forEach((run, r) => {
    const y = TOP + r * ROW_H;
    el('rect', { x: 0, y, width, height: ROW_H, class: r % 2 ? 'row row-odd' : 'row' }, svg);
    el('rect', { x: 0, y, width: labelW, height: ROW_H, class: r % 2 ? 'row row-odd' : 'row' }, labels);
    const label = el('g', { class: 'run-label' }, labels);
    const title = `Run ${r + 1}${run.templateId ? ` · ${run.templateId}` : ''}`;
    const room = Math.floor((labelW - 22) / 7.4); // characters of .run-title that fit the column
    const status = String(run.status ?? '');
    const badge = el('g', { class: `badge status-${status.toLowerCase().replace(/\s+/g, '-')}` }, label);
    const bw = 8 + status.length * 6.6;
    text(label, 14, y + (narrow ? 19 : 24), title.length > room ? `${title.slice(0, room - 1)}…` : title, 'run-title', 'start');
    text(label, 14, y + (narrow ? 34 : 42), shortId(run.runId), 'run-id', 'start');
    // Wide: the badge right-aligned beside the id; narrow: under it.
    const bx = narrow ? 12 : labelW - bw - 10;
    const by = narrow ? y + 40 : y + 30;
    el('rect', { x: bx, y: by, width: bw, height: 17, rx: 8.5 }, badge);
    text(badge, bx + bw / 2, by + 12.5, status, 'badge-text');
    const tip = el('title', {}, label);
    tip.textContent = `${run.runId}\nstatus ${status}\ninvoked ${run.invokedAt}` +
      (run.cancelationToken ? `\ncancelation token ${run.cancelationToken}` : '') +
      (run.templateId ? `\ntemplate ${run.templateId}` : '') + (run.parentRunId ? `\nchild of ${run.parentRunId}` : '');
  });
  el('line', { x1: labelW - 0.5, y1: 0, x2: labelW - 0.5, y2: height, class: 'label-rule' }, labels);

  // Compressed gaps: a band with the real length.
  const axis = el('g', { class: 'axis' }, svg);
  for (const g of gaps) {
    if (g.ms >= 60_000) {
      el('rect', { x: g.from + 3, y: TOP - 4, width: Math.max(0, g.to - g.from - 6), height: height - TOP, class: 'gap-band' }, svg);
      // The label above the break marks, clear of them and of the clock labels at the top.
      text(axis, (g.from + g.to) / 2, TOP - 15, `+${formatDuration(g.ms)}`, 'gap-label');
      const mid = (g.from + g.to) / 2;
      el('path', { d: `M${mid - 5} ${TOP - 2} l4 -6 M${mid + 1} ${TOP - 2} l4 -6`, class: 'gap-break' }, axis);
    }
  }
  // Instants on the axis (labels thinned so they never overlap).
  let lastEnd = -Infinity;
  let lastDay = null;
  for (const t of anchors) {
    const x = xIn.get(t);
    el('line', { x1: x, y1: TOP - 4, x2: x, y2: height, class: 'tick' }, svg);
    const day = new Date(t).toISOString().slice(0, 10);
    const content = clock(t, day !== lastDay);
    if (x >= lastEnd + 10) {
      text(axis, x, 16, content, 'tick-label', 'start');
      lastDay = day;
      lastEnd = x + content.length * 6.5;
    }
  }

  // Steps.
  let maxX = 0;
  const spawned = new Map();
  const starts = new Map();
  const cancels = [];
  const ends = [];
  runs.forEach((run, r) => {
    const yMid = TOP + r * ROW_H + 24;
    const steps = run.steps ?? [];
    const used = new Map();
    const inv = toMs(run.invokedAt);
    let lastX = inv !== null ? xIn.get(inv) : labelW + LEFT_PAD;
    const firstX = lastX;
    let firstStepX = null;
    const drawn = [];
    steps.forEach((step, s) => {
      const start = toMs(step.startedAt);
      const finish = toMs(step.finishedAt);
      const status = String(step.status ?? '');
      const cls = `step status-${status.toLowerCase().replace(/\s+/g, '-')} action-${String(step.action ?? '').replace(/[^\w-]/g, '')}`;
      const g = el('g', { class: cls, tabindex: 0, role: 'button', 'data-run': r, 'data-step': s }, null);
      const tip = el('title', {}, g);
      // Humans count from 1: step 1 is /automation/steps/0.
      tip.textContent = `${stepName(s)} · ${step.action}${step.ref ? ` (${step.ref})` : ''}: ${status}\n${stepPath(s)}` +
        (start !== null ? `\nstarted ${step.startedAt}` : '') + (finish !== null ? `\nfinished ${step.finishedAt}` : '') +
        (Array.isArray(step.notes) && step.notes.length ? `\n${step.notes.join('\n')}` : '');
      if (start === null) {
        drawn.push({ g, ghost: true, step, s });
        return;
      }
      if (finish !== null && finish <= start) {
        const k = used.get(start) ?? 0;
        used.set(start, k + 1);
        const cx = xIn.get(start) + k * slotW + slotW / 2;
        el('rect', { x: cx - 10, y: yMid - 10, width: 20, height: 20, rx: 5, class: 'marker' }, g);
        firstStepX ??= cx - 10;
        if (status === 'ERROR' || status === 'CANCELED') {
          el('path', { d: `M${cx - 4} ${yMid - 4} L${cx + 4} ${yMid + 4} M${cx + 4} ${yMid - 4} L${cx - 4} ${yMid + 4}`, class: 'marker-x' }, g);
        } else if (status === 'SKIPPED') {
          el('path', { d: `M${cx - 5} ${yMid} L${cx + 5} ${yMid}`, class: 'marker-x' }, g);
        } else {
          text(g, cx, yMid + 4, String(s + 1), 'marker-num');
        }
        text(g, cx, yMid + 27, label(step), 'step-label');
        lastX = Math.max(lastX, cx + 10);
        if (step.output && typeof step.output.runId === 'string') spawned.set(step.output.runId, { x: cx, y: yMid + 10 });
        if (step.action === 'cancel' && typeof step.input?.cancelation_token === 'string' && status === 'PROCESSED') {
          cancels.push({ x: cx, y: yMid - 10, token: step.input.cancelation_token, at: start, r });
        }
      } else {
        const x0 = xOut.get(start);
        const open = finish === null;
        const x1 = open ? Math.max(x0 + 40, (toMs(trace.endedAt) !== null ? xIn.get(toMs(trace.endedAt)) : x0 + 80)) : xIn.get(finish);
        const w = Math.max(6, x1 - x0);
        const isWait = step.action === 'delay';
        firstStepX ??= x0;
        el('rect', { x: x0, y: yMid - 8, width: w, height: 16, rx: 4, class: isWait ? 'bar wait' : 'bar' }, g);
        if (open) el('path', { d: `M${x0 + w} ${yMid - 11} v22`, class: 'bar-open' }, g);
        const planned = toMs(step.output?.waitUntil);
        let duration = finish !== null ? formatDuration(finish - start) : 'waiting…';
        if (status === 'CANCELED' && finish !== null) {
          duration = `canceled after ${duration}${planned !== null && planned > finish ? ` of ${formatDuration(planned - start)}` : ''}`;
        }
        text(g, x0 + w / 2, yMid - 13, `${label(step)} · ${duration}`, 'step-label');
        lastX = Math.max(lastX, x0 + w);
      }
      drawn.push({ g, ghost: false, step, s });
    });
    starts.set(run.runId, { x: firstStepX ?? firstX, y: yMid });
    // The run's track, then its steps on top.
    const track = el('line', { x1: firstX, y1: yMid, x2: Math.max(firstX, lastX), y2: yMid, class: 'track' }, svg);
    track.setAttribute('data-run', String(r));
    let ghostX = lastX + 18;
    const endStatus = String(run.status ?? '');
    if (endStatus === 'CANCELED' || endStatus === 'ERROR') {
      const end = el('g', { class: `run-end status-${endStatus.toLowerCase()}` }, svg);
      el('circle', { cx: ghostX, cy: yMid, r: 9 }, end);
      if (endStatus === 'CANCELED') ends.push({ x: ghostX, y: yMid, token: run.cancelationToken, r });
      el('path', { d: `M${ghostX - 4} ${yMid - 4} l8 8 M${ghostX + 4} ${yMid - 4} l-8 8`, class: 'run-end-x' }, end);
      text(end, ghostX + 14, yMid + 4, endStatus === 'CANCELED' ? 'canceled' : 'error', 'end-label', 'start');
      ghostX += endStatus === 'CANCELED' ? 80 : 60;
    }
    for (const d of drawn) {
      if (d.ghost) {
        const cx = ghostX + SLOT_W / 2 - 14;
        el('rect', { x: cx - 10, y: yMid - 10, width: 20, height: 20, rx: 5, class: 'marker ghost' }, d.g);
        text(d.g, cx, yMid + 27, label(d.step), 'step-label ghost-label');
        ghostX += SLOT_W - 10;
      }
      maxX = Math.max(maxX, ghostX + 40);
      if (selected && selected[0] === r && selected[1] === d.s) d.g.classList.add('selected');
      d.g.addEventListener('click', () => onSelect?.(r, d.s));
      d.g.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect?.(r, d.s); }
      });
      svg.append(d.g);
    }
  });

  // An invoke step points at the child run it started.
  for (const [child, from] of spawned) {
    const to = starts.get(child);
    if (!to) continue;
    const link = el('path', { d: `M${from.x} ${from.y} C${from.x} ${to.y} ${from.x} ${to.y} ${to.x - 6} ${to.y}`, class: 'spawn-link', 'marker-end': 'url(#spawn-arrow)' }, null);
    svg.insertBefore(link, svg.querySelector('g.step'));
  }
  // A cancel step points at the runs it canceled (same token).
  for (const c of cancels) {
    for (const e of ends) {
      if (e.token !== c.token || e.r === c.r) continue;
      const up = e.y < c.y;
      const y0 = c.y + (up ? 0 : 20);
      const y1 = e.y + (up ? 15 : -15);
      const bend = (y1 - y0) / 2;
      const link = el('path', { d: `M${c.x} ${y0} C${c.x} ${y0 + bend} ${e.x} ${y1 - bend} ${e.x} ${y1}`, class: 'cancel-link', 'marker-end': 'url(#cancel-arrow)' }, null);
      const tip = el('title', {}, link);
      tip.textContent = `cancel ${c.token}`;
      svg.insertBefore(link, svg.querySelector('g.step'));
    }
  }
  if (!runs.length) text(svg, (labelW + width) / 2, TOP + 30, 'No runs', 'empty-label');
  if (maxX + 24 > width) {
    svg.setAttribute('width', String(maxX + 24 - labelW));
    svg.setAttribute('viewBox', `${labelW} 0 ${maxX + 24 - labelW} ${height}`);
    svg.querySelectorAll('rect.row').forEach((row) => row.setAttribute('width', String(maxX + 24)));
  }
  const strip = document.createElement('div');
  strip.className = 'timeline-strip';
  strip.append(labels, svg);
  svgHost.replaceChildren(strip);
  return svg;
}

function label(step) {
  const a = String(step.action ?? '?');
  return step.ref ? `${a} (${step.ref})` : a;
}
