// No dead link in the docs: every relative link (and #anchor) in README.md and docs/*.md
// resolves in the repository, and every repository path named in a comment of the
// hand-written and generated .d.ts files (js/**/*.d.ts) exists. Anchors follow GitHub's
// heading slugs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { docFiles, repoRoot } from '../../scripts/sessions.mjs';
import { anchorsOf, linksOf } from './docs-markdown.js';

function checkLinks(file) {
  const dead = [];
  const text = readFileSync(join(repoRoot, file), 'utf8');
  for (const { target, line } of linksOf(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
    const [pathPart, anchor] = target.split('#');
    const path = pathPart ? join(dirname(join(repoRoot, file)), decodeURIComponent(pathPart)) : join(repoRoot, file);
    if (!existsSync(path)) {
      dead.push(`${file}:${line}: ${target} (no ${relative(repoRoot, path)})`);
    } else if (anchor !== undefined && path.endsWith('.md') && !anchorsOf(readFileSync(path, 'utf8')).has(anchor)) {
      dead.push(`${file}:${line}: ${target} (no heading with that anchor in ${relative(repoRoot, path)})`);
    }
  }
  return dead;
}

test('every relative link and #anchor in README.md and docs/*.md resolves', () => {
  const dead = docFiles().flatMap(checkLinks);
  assert.deepEqual(dead, []);
});

function dtsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? dtsFiles(join(dir, e.name)) : e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []);
}

/** The comment text of a TypeScript file, line by line (strings and code left out). */
function comments(text) {
  const out = [];
  let inBlock = false;
  text.split('\n').forEach((line, i) => {
    let rest = line;
    let comment = '';
    while (rest) {
      if (inBlock) {
        const end = rest.indexOf('*/');
        comment += ' ' + (end < 0 ? rest : rest.slice(0, end));
        if (end < 0) break;
        inBlock = false;
        rest = rest.slice(end + 2);
      } else {
        const m = /\/\/|\/\*/.exec(rest);
        if (!m) break;
        if (m[0] === '//') { comment += ' ' + rest.slice(m.index + 2); break; }
        inBlock = true;
        rest = rest.slice(m.index + 2);
      }
    }
    if (comment.trim()) out.push({ line: i + 1, text: comment });
  });
  return out;
}

/** Whether a repository path, possibly with `*` in its last segment, names something. */
function pathExists(path) {
  if (!path.includes('*')) return existsSync(path);
  const dir = dirname(path);
  const pattern = new RegExp(`^${path.slice(dir.length + 1).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
  return existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).some((f) => pattern.test(f));
}

const PATH = /(?:\.{1,2}\/)?[\w.*-]+(?:\/[\w.*-]+)+\.(?:md|js|mjs|json|ts|hpp|cpp|wasm|sh)\b/g;

test('every path named in a js/**/*.d.ts comment exists', () => {
  const files = dtsFiles(join(repoRoot, 'js'));
  assert.ok(files.length >= 4, 'the .d.ts files are found');
  const missing = [];
  let seen = 0;
  for (const file of files) {
    for (const { line, text } of comments(readFileSync(file, 'utf8'))) {
      for (const m of text.matchAll(PATH)) {
        // "owner/repo path/in/it.ts" names a file of another repository.
        if (/[\w-]+\/[\w.-]+\s+$/.test(text.slice(0, m.index))) continue;
        const path = m[0].startsWith('.') ? join(dirname(file), m[0]) : join(repoRoot, m[0]);
        seen++;
        if (!pathExists(path)) missing.push(`${relative(repoRoot, file)}:${line}: ${m[0]}`);
      }
    }
  }
  assert.ok(seen > 0, 'the .d.ts comments name some paths');
  assert.deepEqual(missing, []);
});
