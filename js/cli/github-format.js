/**
 * A validation report as GitHub Actions workflow commands, one line per problem:
 *   ::error file=automations/a.json,line=4,col=40,title=delay.duration.iso8601::/automation/steps/0/duration: ...
 * GitHub turns them into annotations on the file and line of the pull request. Escaping per
 * GitHub's toolkit (@actions/core command.ts): in the message %, CR and LF; in a property also
 * `:` and `,`, which would end it.
 */

/** @param {string} s */
export function escapeData(s) {
  return String(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** @param {string} s */
export function escapeProperty(s) {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * @param {string} file the path as given (relative to the repository root in a workflow)
 * @param {import('./report-format.js').Report} report
 * @returns {string} one line per problem, errors first
 */
export function formatGithub(file, report) {
  const lines = [];
  const add = (command, p) => {
    const props = [`file=${escapeProperty(file)}`];
    if (p.line !== undefined) props.push(`line=${p.line}`, `col=${p.column ?? 1}`);
    props.push(`title=${escapeProperty(p.code)}`);
    const hint = p.hint ? ` (hint: ${p.hint})` : '';
    lines.push(`::${command} ${props.join(',')}::${escapeData(`${p.path || '/'}: ${p.message}${hint}`)}`);
  };
  for (const p of report.errors) add('error', p);
  for (const p of report.warnings ?? []) add('warning', p);
  return lines.map((l) => l + '\n').join('');
}
