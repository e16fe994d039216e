/**
 * Terminal colours: only when the stream is a TTY and NO_COLOR is unset (https://no-color.org);
 * FORCE_COLOR=1 forces them on (for screenshots), FORCE_COLOR=0 off.
 */

const CODES = {
  bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39],
  blue: [34, 39], magenta: [35, 39], cyan: [36, 39], gray: [90, 39],
};

/**
 * @param {{ isTTY?: boolean }} stream
 * @param {Record<string, string | undefined>} [env]
 * @returns {boolean}
 */
export function colorEnabled(stream, env = process.env) {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/**
 * @param {boolean} enabled
 * @returns {Record<keyof typeof CODES, (s: string) => string>}
 */
export function makeStyle(enabled) {
  /** @type {any} */
  const style = {};
  for (const [name, [open, close]] of Object.entries(CODES)) {
    style[name] = enabled ? (s) => `\u001b[${open}m${s}\u001b[${close}m` : (s) => String(s);
  }
  return style;
}
