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
    let at = (wasm.exports.caw_records() >>> 0) >>> 2;
    for (let i = 0; i < count; ++i, at += RECORD_WORDS) {
      /** @type {import('../index.js').Problem} */
      const problem = {
        code: wasm.codes[words[at]],
        path: text(bytes, arena + words[at + 2], words[at + 3]),
        message: text(bytes, arena + words[at + 4], words[at + 5]),
      };
      if (words[at + 7] !== 0) problem.hint = text(bytes, arena + words[at + 6], words[at + 7]);
      if (words[at + 8] !== 0) problem.line = words[at + 8];
      if (words[at + 9] !== 0) problem.column = words[at + 9];
      (words[at + 1] === 0 ? errors : warnings).push(problem);
    }
  }
  return { valid: errors.length === 0, errors, warnings };
}

/**
 * UTF-8 text of the arena. Short ASCII strings (paths, most messages) are built directly:
 * cheaper than a TextDecoder call; anything else goes through the decoder.
 * @param {Uint8Array} bytes @param {number} at @param {number} length
 */
function text(bytes, at, length) {
  if (length <= 64) {
    let s = '';
    for (let i = at, end = at + length; i < end; ++i) {
      const c = bytes[i];
      if (c > 0x7f) return decoder.decode(bytes.subarray(at, at + length));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return decoder.decode(bytes.subarray(at, at + length));
}
