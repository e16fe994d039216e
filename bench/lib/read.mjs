/**
 * What a caller reads from a verdict, for both sides of every comparison: every field of every
 * problem. Each returns a number folded from what it read, so the engine cannot skip the reads.
 */

/** courier-automations-wasm: `{ valid, errors, warnings }`, problems `{ code, path, message, hint?, line?, column? }`. */
export function readReport(report) {
  let h = report.valid ? 1 : 0;
  for (const list of [report.errors, report.warnings]) {
    for (const p of list) {
      h += p.code.length + p.path.length + p.message.length + (p.hint?.length ?? 0) + (p.line ?? 0) + (p.column ?? 0);
    }
  }
  return h;
}

/** ajv: the boolean, then `validate.errors` `{ instancePath, schemaPath, keyword, params, message }`. */
export function readAjv(ok, validateFn) {
  if (ok) return 1;
  let h = 0;
  for (const e of validateFn.errors ?? []) {
    h += e.instancePath.length + e.schemaPath.length + e.keyword.length + (e.message?.length ?? 0);
    for (const k in e.params) h += k.length;
  }
  return h;
}

/** The number of problems a verdict holds (errors + warnings for ours, errors for ajv). */
export const problemCount = (report) => report.errors.length + report.warnings.length;
