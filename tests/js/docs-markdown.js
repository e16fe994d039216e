/**
 * The links and anchors of a Markdown page, as GitHub renders it: used by docs-links.test.js
 * (in the repository) and tests/runtime/packed-contents.test.js (in the packed package).
 */
import { fencedBlocks } from '../../scripts/sessions.mjs';

/** The text with fenced code blocks blanked (line numbers kept). */
function prose(text) {
  const lines = text.split('\n');
  for (const b of fencedBlocks(text)) {
    for (let i = b.start - 1; i <= Math.min(b.end, lines.length - 1); i++) lines[i] = '';
  }
  return lines;
}

/** A line with its inline code spans removed (`` `a](b)` `` is not a link). */
const withoutCode = (line) => line.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');

/** Every link target of a page: { target, line, image }. */
export function linksOf(text) {
  const links = [];
  prose(text).forEach((raw, i) => {
    const line = withoutCode(raw);
    for (const m of line.matchAll(/(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ target: m[2], line: i + 1, image: m[1] === '!' });
    }
    for (const m of line.matchAll(/<(a|img)\b[^>]*\b(?:href|src)="([^"]+)"/g)) {
      links.push({ target: m[2], line: i + 1, image: m[1] === 'img' });
    }
    const ref = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(line);
    if (ref) links.push({ target: ref[1], line: i + 1, image: false });
  });
  return links;
}

/** GitHub's slug of a heading's text (github-slugger): markup dropped, lower case, punctuation out, spaces to '-'. */
export function slug(heading) {
  const textOnly = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML tags
    .replace(/`/g, '')
    .replace(/(\*\*|__|\*|~~)/g, '');
  return textOnly.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

/** Every anchor a page defines: its headings' slugs (repeats get -1, -2 …) and HTML ids. */
export function anchorsOf(text) {
  const anchors = new Set();
  const counts = new Map();
  for (const line of prose(text)) {
    const h = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (h) {
      const base = slug(h[1]);
      const n = counts.get(base) ?? 0;
      counts.set(base, n + 1);
      anchors.add(n ? `${base}-${n}` : base);
    }
    for (const m of line.matchAll(/<a\b[^>]*\b(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  }
  return anchors;
}
