// The CLI's file patterns (js/cli/glob.js) on a real directory tree, and the GitHub Actions
// escaping (js/cli/github-format.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandPattern, isPattern, segmentRegExp } from '../../../js/cli/glob.js';
import { escapeData, escapeProperty, formatGithub } from '../../../js/cli/github-format.js';

function tree(t) {
  const dir = mkdtempSync(join(tmpdir(), 'caw-glob-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const f of [
    'a.json', 'b.json', 'ab.json', '.hidden.json', 'notes.txt',
    'flows/one.automation.json', 'flows/two.automation.json', 'flows/deep/three.automation.json',
    'flows/deep/deeper/four.automation.json', 'flows/.cache/x.automation.json',
    'node_modules/pkg/y.automation.json', 'odd name/[1].json',
  ]) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), '{}');
  }
  mkdirSync(join(dir, 'flows/empty'));
  return dir;
}

test('patterns: * and ? within a name, never across / and never a leading dot', () => {
  assert.equal(isPattern('flows/*.json'), true);
  assert.equal(isPattern('flows/a.json'), false);
  assert.equal(segmentRegExp('*.json').test('a.json'), true);
  assert.equal(segmentRegExp('*.json').test('.a.json'), false);
  assert.equal(segmentRegExp('.*.json').test('.a.json'), true);
  assert.equal(segmentRegExp('?.json').test('ab.json'), false);
  assert.equal(segmentRegExp('a?.json').test('ab.json'), true);
  assert.equal(segmentRegExp('[1]*').test('[1].json'), true, 'brackets and dots are literal');
  assert.equal(segmentRegExp('a.json').test('abjson'), false);
});

test('expandPattern walks the tree: **, *, ?, sorted, relative as written', (t) => {
  const dir = tree(t);
  assert.deepEqual(expandPattern('*.json', dir), ['a.json', 'ab.json', 'b.json']);
  assert.deepEqual(expandPattern('?.json', dir), ['a.json', 'b.json']);
  assert.deepEqual(expandPattern('flows/*.automation.json', dir), ['flows/one.automation.json', 'flows/two.automation.json']);
  // ** is zero or more directories, but not into dot-directories or node_modules.
  assert.deepEqual(expandPattern('**/*.automation.json', dir), [
    'flows/deep/deeper/four.automation.json', 'flows/deep/three.automation.json',
    'flows/one.automation.json', 'flows/two.automation.json',
  ]);
  assert.deepEqual(expandPattern('flows/**/t*.json', dir), ['flows/deep/three.automation.json', 'flows/two.automation.json']);
  assert.deepEqual(expandPattern('flows/**', dir).length, 4);
  assert.deepEqual(expandPattern('./flows/d*/*.json', dir), ['flows/deep/three.automation.json']);
  assert.deepEqual(expandPattern('odd name/*.json', dir), ['odd name/[1].json']);
  assert.deepEqual(expandPattern(`${dir}/flows/*.json`), [`${dir}/flows/one.automation.json`, `${dir}/flows/two.automation.json`]);
  assert.deepEqual(expandPattern('nowhere/*.json', dir), []);
  assert.deepEqual(expandPattern('*.yaml', dir), []);
});

test('expandPattern follows a symlinked file, not a directory under **', (t) => {
  const dir = tree(t);
  symlinkSync(join(dir, 'a.json'), join(dir, 'flows/link.automation.json'));
  symlinkSync(join(dir, 'flows'), join(dir, 'flows/deep/loop'));
  const found = expandPattern('**/*.automation.json', dir);
  assert.ok(found.includes('flows/link.automation.json'));
  assert.ok(!found.some((f) => f.includes('loop')), 'no walk through a directory link');
});

test('GitHub workflow commands: %, CR and LF escaped in the message; also : and , in properties', () => {
  assert.equal(escapeData('100% done\r\nnext'), '100%25 done%0D%0Anext');
  assert.equal(escapeProperty('a,b:c%\n'), 'a%2Cb%3Ac%25%0A');
  const out = formatGithub('dir,x/a:b.json', {
    valid: false,
    errors: [{ code: 'delay.duration.iso8601', path: '/automation/steps/0/duration', message: 'not "PT5M"\nat all: 5%', hint: 'use "5 minutes"', line: 4, column: 40 }],
    warnings: [{ code: 'schema.unknown_property', path: '', message: 'unknown' }],
  });
  assert.equal(out,
    '::error file=dir%2Cx/a%3Ab.json,line=4,col=40,title=delay.duration.iso8601::/automation/steps/0/duration: not "PT5M"%0Aat all: 5%25 (hint: use "5 minutes")\n' +
    '::warning file=dir%2Cx/a%3Ab.json,title=schema.unknown_property::/: unknown\n');
});
