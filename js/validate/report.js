/**
 * The report of the last caw_check / caw_oversize call, from its integer records and string
 * arena to the public `{ valid, errors, warnings }` objects. Record layout (10 u32 each):
 * code index, severity (0 error, 1 warning), path offset, path length, message offset,
 * message length, hint offset, hint length (0: no hint), line (0: absent), column (0: absent).
 */

const RECORD_WORDS = 10;
const decoder = new TextDecoder('utf-8');

/**
 * @param {import('./loader.js').ValidatorInstance} wasm
 * @param {number} count the number of problems the call returned
 * @returns {import('../index.js').Report}
 */
export function readReport(wasm, count) {
  /** @type {import('../index.js').Problem[]} */
  const errors = [];
  /** @type {import('../index.js').Problem[]} */
  const warnings = [];
  if (count > 0) {
    const words = wasm.words();
    const bytes = wasm.bytes();
    const arena = wasm.exports.caw_arena() >>> 0;
    const first = (wasm.exports.caw_records() >>> 0) >>> 2;
    const end = first + count * RECORD_WORDS;
    // The arena's strings sit end to end: hint of the last problem ends it.
    const size = words[end - 4] + words[end - 3];
    const all = decoder.decode(bytes.subarray(arena, arena + size));
    // All ASCII (the usual case): byte offsets are string offsets, so every field is a slice of
    // one decoded string. Otherwise each field is decoded on its own.
    const text = all.length === size
      ? (at, length) => all.slice(at, at + length)
      : (at, length) => decoder.decode(bytes.subarray(arena + at, arena + at + length));
    for (let at = first; at < end; at += RECORD_WORDS) {
      /** @type {import('../index.js').Problem} */
      const problem = {
        code: wasm.codes[words[at]],
        path: text(words[at + 2], words[at + 3]),
        message: text(words[at + 4], words[at + 5]),
      };
      if (words[at + 7] !== 0) problem.hint = text(words[at + 6], words[at + 7]);
      if (words[at + 8] !== 0) problem.line = words[at + 8];
      if (words[at + 9] !== 0) problem.column = words[at + 9];
      (words[at + 1] === 0 ? errors : warnings).push(problem);
    }
  }
  return { valid: errors.length === 0, errors, warnings };
}
