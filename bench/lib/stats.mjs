/** Small statistics and formatting helpers shared by the benchmarks. */
import { cpus, loadavg } from 'node:os';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Lower and upper quartiles: how far the samples spread on a shared machine. */
export const quartiles = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
  return [at(0.25), at(0.75)];
};

export const round = (x, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A positive integer from the environment (the benchmark knobs), or the default. */
export function knob(name, fallback) {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** The machine the figures come from: it is shared, so the load is part of the result. */
export const machine = () => ({
  date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model,
  loadavg: loadavg().map((x) => round(x)),
});

export const kb = (bytes, digits = 1) => `${(bytes / 1024).toFixed(digits)} KB`;
export const int = (x) => Math.round(x).toLocaleString('en-US');
export const times = (x) => `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`;
export const verdict = (met) => (met ? '**met**' : '**not met**');

/** A markdown table from a header row and body rows; `align` holds 'l' or 'r' per column. */
export function table(header, rows, align = header.map((_, i) => (i ? 'r' : 'l'))) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align.map((a) => (a === 'r' ? '---:' : '---'))), ...rows.map(line)].join('\n');
}
