/**
 * The nearest of a few names to a misspelt one, for "unknown option" messages: Damerau-
 * Levenshtein distance (a swap of two neighbours counts once: `maxRetires`), case-insensitive
 * (`baseUrl` is one step from nothing but `baseURL`).
 */

/** @param {string} a @param {string} b @returns {number} */
export function editDistance(a, b) {
  a = a.toLowerCase();
  b = b.toLowerCase();
  // Three rows of the (a.length + 1) x (b.length + 1) table: the swap looks two rows back.
  let before = new Array(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length];
}

/**
 * The candidate closest to `name` (the first of equals, so list candidates by importance).
 * @param {string} name @param {readonly string[]} candidates non-empty
 * @returns {string}
 */
export function nearest(name, candidates) {
  let best = candidates[0];
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Throws a TypeError for the first own enumerable key of `options` that is not in `valid`,
 * naming it and the nearest valid one.
 * @param {string} where e.g. 'AutomationsClient' or 'invokeAdHoc'
 * @param {object} options @param {readonly string[]} valid
 * @param {string} [noun] what the keys are: 'option' (default) or 'parameter'
 */
export function assertKnownOptions(where, options, valid, noun = 'option') {
  for (const key of Object.keys(options)) {
    if (!valid.includes(key)) {
      throw new TypeError(
        `${where}: unknown ${noun} "${key}"; did you mean "${nearest(key, valid)}"? (valid ${noun}s: ${valid.join(', ')})`,
      );
    }
  }
}
