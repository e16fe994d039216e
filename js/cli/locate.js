/**
 * Where a JSON Pointer's value starts in JSON text (line and column in code points, 1-based), for problems
 * found in a value cut out of a larger file (a scenario's requests). The text must be valid
 * JSON (it was parsed already). A pointer to a member that does not exist resolves to its
 * nearest existing ancestor.
 */

/**
 * @param {string} text valid JSON
 * @param {string} pointer e.g. /invocations/0/request/automation/steps/1
 * @returns {{ line: number, column: number }}
 */
export function locate(text, pointer) {
  const tokens = pointer === '' ? [] : pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let i = skipSpace(text, 0);
  for (const token of tokens) {
    const next = child(text, i, token);
    if (next === -1) break;
    i = next;
  }
  return position(text, i);
}

/** The offset of member `token` of the value at `i`, or -1. */
function child(text, i, token) {
  const open = text[i];
  if (open !== '{' && open !== '[') return -1;
  let j = skipSpace(text, i + 1);
  let index = 0;
  while (text[j] !== '}' && text[j] !== ']') {
    let key = String(index);
    if (open === '{') {
      const end = skipString(text, j);
      key = JSON.parse(text.slice(j, end));
      j = skipSpace(text, end);
      j = skipSpace(text, j + 1); // ':'
    }
    if (key === token) return j;
    j = skipSpace(text, skipValue(text, j));
    if (text[j] === ',') j = skipSpace(text, j + 1);
    index++;
  }
  return -1;
}

function skipValue(text, i) {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') j = skipString(text, j) - 1;
      else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && !/[\s,\]}]/.test(text[j])) j++;
  return j;
}

function skipString(text, i) {
  let j = i + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}

function skipSpace(text, i) {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

function position(text, offset) {
  let line = 1;
  let start = 0;
  for (let k = 0; k < offset; k++) {
    if (text[k] === '\n') {
      line++;
      start = k + 1;
    }
  }
  // Columns count code points, as the validator's do.
  return { line, column: [...text.slice(start, offset)].length + 1 };
}
