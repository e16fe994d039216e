/**
 * Human output of a validation report: one block per problem,
 *   file:line:column  error  code  /json/pointer
 *     message
 *     hint: ...
 * then a one-line summary.
 */

/** @typedef {{ code: string, path: string, message: string, hint?: string, line?: number, column?: number }} Problem */
/** @typedef {{ valid: boolean, errors: Problem[], warnings: Problem[] }} Report */

/**
 * @param {string} name the input's name (file path or <stdin>)
 * @param {Report} report
 * @param {ReturnType<typeof import('./style.js').makeStyle>} s
 * @returns {string}
 */
export function formatReport(name, report, s) {
  const lines = [];
  const problems = [
    ...report.errors.map((p) => ({ ...p, severity: 'error' })),
    ...(report.warnings ?? []).map((p) => ({ ...p, severity: 'warning' })),
  ].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
  for (const p of problems) {
    const where = p.line !== undefined ? `${name}:${p.line}:${p.column ?? 1}` : name;
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

