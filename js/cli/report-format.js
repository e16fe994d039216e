/**
 * Human output of a validation report: one block per problem,
 *   file:line:column  error  code  /json/pointer
 *     message
 *     hint: ...
 * then a one-line summary. Positions are the core's; this only prints them.
 */

/** @typedef {{ code: string, path: string, message: string, hint?: string, line?: number, column?: number }} Problem */
/** @typedef {{ valid: boolean, errors: Problem[], warnings: Problem[] }} Report */

/**
 * @param {string} name the input's name (file path or <stdin>)
 * @param {Report} report
 * @param {ReturnType<typeof import('./style.js').makeStyle>} s
 * @param {Record<string, string>} [files] other inputs by the path prefix of their problems,
 *   e.g. { '/options/fixtures': 'fixtures.json' }: those are printed as that file's, with
 *   the prefix left out of the path
 * @returns {string}
 */
export function formatReport(name, report, s, files = {}) {
  const lines = [];
  const inFile = (p) => {
    const prefix = Object.keys(files).find((k) => p.path === k || p.path.startsWith(`${k}/`));
    return prefix === undefined ? { ...p, file: name, rank: 0 } : { ...p, file: files[prefix], path: p.path.slice(prefix.length), rank: 1 };
  };
  const problems = [
    ...report.errors.map((p) => ({ ...inFile(p), severity: 'error' })),
    ...(report.warnings ?? []).map((p) => ({ ...inFile(p), severity: 'warning' })),
  ].sort((a, b) => a.rank - b.rank || (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
  for (const p of problems) {
    const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
    const sev = p.severity === 'error' ? s.red(s.bold('error')) : s.yellow(s.bold('warning'));
    lines.push(`${s.bold(where)}  ${sev}  ${s.gray(p.code)}  ${s.cyan(p.path || '/')}`);
    lines.push(`  ${p.message}`);
    if (p.hint) lines.push(`  ${s.green('hint:')} ${p.hint}`);
  }
  lines.push(summary(name, report, s));
  return lines.join('\n') + '\n';
}

/** @param {string} name @param {Report} report @param {any} s */
function summary(name, report, s) {
  const e = report.errors.length;
  const w = (report.warnings ?? []).length;
  const counts = `${plural(e, 'error')}, ${plural(w, 'warning')}`;
  return report.valid
    ? `${s.green('✔')} ${name}: valid (${counts})`
    : `${s.red('✖')} ${name}: invalid (${counts})`;
}

/** @param {number} n @param {string} word */
export function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
