/**
 * Where things are in a JSON text: the offset of every value by JSON Pointer, and the
 * offset of the first syntax error. The package's validator gives line/column for text it
 * parses itself; this maps the rest (problems inside a scenario, the fixtures editor).
 */

/**
 * @param {string} text
 * @returns {{ pointers: Map<string, { key?: number, start: number, end: number }>, error: { offset: number, message: string } | null }}
 */
export function mapJson(text) {
  const pointers = new Map();
  let i = 0;
  const fail = (message) => { throw { offset: Math.min(i, text.length), message }; };
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const escape = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');

  function string() {
    const start = i++;
    let out = '';
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        const next = text[i + 1];
        if (next === 'u') { out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16) || 0); i += 6; continue; }
        out += { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' }[next] ?? next;
        i += 2;
        continue;
      }
      if (text.charCodeAt(i) < 0x20) fail('control character in a string');
      out += text[i++];
    }
    if (i >= text.length) { i = start; fail('unterminated string'); }
    i++;
    return out;
  }

  function value(pointer, key) {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') i++;
      else for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        const keyAt = i;
        const k = string();
        ws();
        if (text[i] !== ':') fail("expected ':' after a property name");
        i++;
        value(`${pointer}/${escape(k)}`, keyAt);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; break; }
        fail("expected ',' or '}'");
      }
    } else if (c === '[') {
      i++; ws();
      if (text[i] === ']') i++;
      else for (let n = 0; ; n++) {
        value(`${pointer}/${n}`);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; break; }
        fail("expected ',' or ']'");
      }
    } else if (c === '"') {
      string();
    } else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
      if (!m) fail(i >= text.length ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`);
      i += m[0].length;
    }
    pointers.set(pointer, { key, start, end: i });
  }

  try {
    value('');
    ws();
    if (i < text.length) fail('unexpected text after the JSON value');
    return { pointers, error: null };
  } catch (e) {
    if (e && typeof e.offset === 'number') return { pointers, error: e };
    throw e;
  }
}

/** @param {string} text @param {number} offset @returns {{ line: number, column: number }} 1-based */
export function lineColumn(text, offset) {
  let line = 1;
  let last = -1;
  for (let k = 0; k < offset && k < text.length; k++) if (text.charCodeAt(k) === 10) { line++; last = k; }
  return { line, column: offset - last };
}

/** @param {string} text @param {number} line 1-based @param {number} column 1-based @returns {number} */
export function offsetOf(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const eol = text.indexOf('\n', offset);
  return Math.min(offset + Math.max(0, column - 1), eol < 0 ? text.length : eol);
}

/**
 * The place of a JSON Pointer in the text: the property's key if it has one, else the value;
 * a pointer that does not exist falls back to its nearest existing ancestor.
 * @returns {{ start: number, end: number } | null}
 */
export function locate(map, pointer) {
  let p = pointer;
  for (;;) {
    const hit = map.pointers.get(p);
    if (hit) return hit.key !== undefined ? { start: hit.key, end: hit.end } : { start: hit.start, end: hit.end };
    if (p === '') return null;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
