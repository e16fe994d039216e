/**
 * File patterns for `validate`, expanded here when the shell did not (a quoted pattern, Windows,
 * a CI `run:` line without globstar): `*` any characters but `/`, `?` one of them, `**` as a
 * whole segment any number of directories (none included). Like a shell, a wildcard does not
 * match a leading `.`, and `**` does not enter dot-directories or `node_modules`. Node 20 has
 * no fs.glob; this is the small part of one that the CLI needs.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} arg @returns {boolean} whether the argument is a pattern rather than a path */
export function isPattern(arg) {
  return /[*?]/.test(arg);
}

/**
 * The regular expression of one path segment (no `/`), `**` excepted.
 * @param {string} segment
 * @returns {RegExp}
 */
export function segmentRegExp(segment) {
  let source = '';
  for (const c of segment) {
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  // A wildcard at the start does not match a hidden name (as in sh): `*.json` skips `.x.json`.
  const hidden = segment.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp(`^${hidden}${source}$`, 's');
}

/**
 * The files a pattern names, relative as the pattern is written (absolute when it is), sorted.
 * @param {string} pattern
 * @param {string} [cwd]
 * @returns {string[]}
 */
export function expandPattern(pattern, cwd = process.cwd()) {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s) => s !== '' && s !== '.');
  // The literal directories before the first wildcard are walked to directly.
  const base = [];
  while (segments.length > 1 && !isPattern(segments[0])) base.push(segments.shift());
  const root = absolute ? `/${base.join('/')}` : join(cwd, ...base);
  const prefix = absolute ? `/${base.map((b) => `${b}/`).join('')}` : base.map((b) => `${b}/`).join('');
  const found = [];
  walk(root, segments, '', found);
  return found.map((f) => prefix + f).sort();
}

/** @param {string} dir @param {string[]} segments @param {string} rel @param {string[]} found */
function walk(dir, segments, rel, found) {
  if (segments.length === 0) return;
  const [head, ...rest] = segments;
  if (head === '**' && rest.length === 0) return walk(dir, ['**', '*'], rel, found); // `a/**`: every file under a
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // not a directory, or unreadable: nothing matches under it
  }
  if (head === '**') {
    walk(dir, rest, rel, found); // none
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules' || !e.isDirectory()) continue;
      walk(join(dir, e.name), segments, `${rel}${e.name}/`, found);
    }
    return;
  }
  const re = segmentRegExp(head);
  for (const e of entries) {
    if (!re.test(e.name)) continue;
    const path = join(dir, e.name);
    const kind = e.isSymbolicLink() ? statKind(path) : e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other';
    if (rest.length === 0) {
      if (kind === 'file' && !found.includes(`${rel}${e.name}`)) found.push(`${rel}${e.name}`);
    } else if (kind === 'dir') {
      walk(path, rest, `${rel}${e.name}/`, found);
    }
  }
}

/** @param {string} path @returns {'file' | 'dir' | 'other'} */
function statKind(path) {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
  } catch {
    return 'other';
  }
}
