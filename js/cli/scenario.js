/**
 * Scenario files ({ now, seed?, fixtures?, invocations: [...] }) as `validate` and `dry-run`
 * see them: a scenario is told from a bare invoke body by its `invocations`, and its ad hoc
 * requests are validated one by one, each problem located in the scenario's own text.
 */
import { locate } from './locate.js';

/** @param {unknown} value @returns {boolean} */
export function isScenario(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'invocations' in value;
}

/**
 * The courier-level (or schema-level) report of every ad hoc request of a scenario, paths
 * prefixed with /invocations/<i>/request and line:column pointing into `text`. By-template
 * invocations are skipped: their body is checked by the simulator against the fixture.
 * @param {(payload: unknown, options: { level: string }) => any} validate
 * @param {any} scenario parsed
 * @param {string} text the scenario's JSON text
 * @param {'courier' | 'schema'} level
 * @returns {{ valid: boolean, errors: any[], warnings: any[] }}
 */
export function validateScenarioRequests(validate, scenario, text, level) {
  const errors = [];
  const warnings = [];
  const invocations = Array.isArray(scenario.invocations) ? scenario.invocations : [];
  invocations.forEach((inv, i) => {
    if (inv === null || typeof inv !== 'object' || inv.templateId !== undefined || inv.request === undefined) return;
    const report = validate(inv.request, { level });
    const place = (p) => {
      const path = `/invocations/${i}/request${p.path}`;
      return { ...p, path, ...locate(text, path) };
    };
    errors.push(...report.errors.map(place));
    warnings.push(...report.warnings.map(place));
  });
  return { valid: errors.length === 0, errors, warnings };
}
