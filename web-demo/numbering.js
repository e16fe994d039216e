/**
 * One numbering for humans: the page counts steps, runs and invocations from 1, while JSON
 * pointers count from 0. Step 1 is /automation/steps/0 everywhere in the page.
 */

/** @param {number} index 0-based @returns {string} "Step 1" for index 0 */
export const stepName = (index) => `Step ${index + 1}`;

/** @param {number} index 0-based @returns {string} the step's JSON pointer in an invoke body */
export const stepPath = (index) => `/automation/steps/${index}`;

/**
 * The human name of what a problem's path points into: "step 2" for /automation/steps/1/…,
 * "invocation 1 · step 2" for a scenario's /invocations/0/request/automation/steps/1/…,
 * "invocation 3" for the rest of /invocations/2/…; null when it is in no step or invocation.
 * @param {string} path a JSON pointer
 * @returns {string | null}
 */
export function placeName(path) {
  const m = /^(?:\/invocations\/(\d+)(?:\/request)?)?(?:\/automation\/steps\/(\d+))?(?:\/|$)/.exec(String(path ?? ''));
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  return [
    m[1] !== undefined ? `invocation ${Number(m[1]) + 1}` : null,
    m[2] !== undefined ? `step ${Number(m[2]) + 1}` : null,
  ].filter(Boolean).join(' · ');
}
