import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { assertOneLine, fixture, runCli, SEED, withFiles } from './helpers.js';

const INVALID = fixture('scenarios/invalid-body.json');

test('validate: the seed example is valid, exit 0, human summary naming the file', async () => {
  const r = await runCli(['validate', SEED]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /seed-example\.json: valid/);
  assert.equal(r.stderr, '');
});

test('validate: an invalid body exits 1 and names file:line:column, path, message and hint', async () => {
  const r = await runCli(['validate', INVALID]);
  assert.equal(r.code, 1, r.stderr);
  // the ISO duration on line 4 and the missing recipient
  assert.match(r.stdout, /invalid-body\.json:4:\d+ +error +\S+ +\/automation\/steps\/0\/duration/);
  assert.match(r.stdout, /hint: /);
  assert.match(r.stdout, /\/automation\/steps\/1/);
  assert.match(r.stdout, /invalid \(\d+ errors?, \d+ warnings?\)/);
});

test('validate --json prints the report; --level schema accepts what only Courier refuses', async () => {
  let r = await runCli(['validate', '--json', INVALID]);
  assert.equal(r.code, 1);
  const report = JSON.parse(r.stdout);
  assert.equal(report.valid, false);
  assert.ok(report.errors.some((p) => p.path === '/automation/steps/0/duration' && p.line === 4));
  r = await runCli(['validate', '--level', 'schema', '--json', INVALID]);
  assert.equal(r.code, 0, r.stdout);
  assert.equal(JSON.parse(r.stdout).valid, true);
});

test('validate reads standard input with - (and with no argument when piped)', async () => {
  const seed = await readFile(SEED, 'utf8');
  let r = await runCli(['validate', '-'], { input: seed });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /<stdin>: valid/);
  r = await runCli(['validate', '--json'], { input: '{"automation": {"steps": [\n"send"]}}' });
  assert.equal(r.code, 1);
  const [p] = JSON.parse(r.stdout).errors;
  assert.equal(p.line, 2);
  assert.equal(p.path, '/automation/steps/0');
});

test('validate: malformed JSON is a located problem (exit 1), not a crash', async () => {
  await withFiles(async (write) => {
    const file = await write('broken.json', '{\n  "automation": {\n    "steps": [,]\n  }\n}\n');
    const r = await runCli(['validate', file]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /broken\.json:3:\d+ +error +json\./);
    assert.equal(r.stderr, '');
  });
});

test('validate: a missing file or a bad --level is one line and exit 2', async () => {
  let r = await runCli(['validate', '/no/such/file.json']);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, '/no/such/file.json', 'no such file');
  r = await runCli(['validate', '--level', 'strict', SEED]);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, '--level');
  r = await runCli(['validate', SEED, '/no/such/other.json']);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, '/no/such/other.json', 'no such file');
  r = await runCli(['validate', fixture('scenarios')]);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, 'is a directory');
});

test('validate: colours only with FORCE_COLOR, never with NO_COLOR or into a pipe', async () => {
  const plain = await runCli(['validate', INVALID]);
  assert.doesNotMatch(plain.stdout, /\u001b\[/);
  const forced = await runCli(['validate', INVALID], { env: { FORCE_COLOR: '1' } });
  assert.match(forced.stdout, /\u001b\[31m/);
  const none = await runCli(['validate', INVALID], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
  assert.doesNotMatch(none.stdout, /\u001b\[/);
});

test('validate: a dry-run scenario is checked as dry-run reads it, every problem located in the scenario file', async () => {
  let r = await runCli(['validate', fixture('scenarios/delay-then-cancel.json')]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /delay-then-cancel\.json: valid/);
  await withFiles(async (write) => {
    const file = await write('scenario.json', JSON.stringify({
      now: '2024-04-08T08:00:00Z',
      invocations: [
        { request: { recipient: 'u', automation: { steps: [{ action: 'send', template: 'T' }] } } },
        { templateId: 'whatever', request: { recipient: 'u' } },
        { request: { recipient: 'u', automation: { steps: [{ action: 'delay', duration: 'PT5M' }] } } },
      ],
    }, null, 2));
    r = await runCli(['validate', '--json', file]);
    assert.equal(r.code, 1);
    const { errors } = JSON.parse(r.stdout);
    const text = (await readFile(file, 'utf8')).split('\n');
    const at = (p) => text[p.line - 1].slice(p.column - 1);
    const duration = errors.find((p) => p.path === '/invocations/2/request/automation/steps/0/duration');
    assert.match(at(duration), /^"PT5M"/);
    // A by-template request needs its template among the fixtures, as in the dry run.
    const template = errors.find((p) => p.path === '/invocations/1/templateId');
    assert.equal(template.code, 'scenario.template');
    assert.match(at(template), /^"whatever"/);
    r = await runCli(['dry-run', file]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /scenario\.json:\d+:\d+ +error +\S+ +\/invocations\/2\/request\/automation\/steps\/0\/duration/);
    // The dry run has no schema level: a usage error, not a different verdict.
    r = await runCli(['validate', '--level', 'schema', file]);
    assert.equal(r.code, 2);
    assertOneLine(assert, r.stderr, '--level schema');
  });
});

test('validate: several files and patterns, one report each, a total; exit 1 when one is invalid', async () => {
  // Quoted patterns, as a CI step or a shell without globstar passes them: the CLI expands them.
  let r = await runCli(['validate', fixture('valid/s*.json'), SEED]);
  assert.equal(r.code, 0, r.stderr);
  const names = [...r.stdout.matchAll(/^✔ (.+): valid/gm)].map((m) => m[1].replace(/.*fixtures\//, ''));
  assert.deepEqual(names, ['valid/sdk-all-params.json', 'valid/seed-example.json', 'valid/semantics-examples.json'], 'sorted, each file once');
  assert.match(r.stdout, /^3 files: 3 valid, 0 invalid \(0 errors, \d+ warnings\)$/m);
  r = await runCli(['validate', fixture('**/delay.*.json'), fixture('valid/seed-example.json')]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^6 files: 1 valid, 5 invalid \(\d+ errors, \d+ warnings?\)$/m);
  r = await runCli(['validate', fixture('valid/*.nothing')]);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, 'no file matches');
});

test('validate --format json: one file its report, several { valid, files }; --json is the alias', async () => {
  let r = await runCli(['validate', '--format', 'json', INVALID]);
  assert.equal(r.code, 1);
  assert.equal(JSON.parse(r.stdout).valid, false);
  assert.equal(JSON.parse(r.stdout).files, undefined);
  r = await runCli(['validate', '--json', INVALID, SEED]);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.valid, false);
  assert.deepEqual(out.files.map((f) => [f.file, f.valid]), [[INVALID, false], [SEED, true]]);
  assert.ok(out.files[0].errors.length > 0);
  r = await runCli(['validate', '--json', '--format', 'github', SEED]);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, '--json');
  r = await runCli(['validate', '--format', 'xml', SEED]);
  assert.equal(r.code, 2);
  assertOneLine(assert, r.stderr, '--format', 'github');
});

test('validate --format github: a workflow command per problem, located, then the total; exit codes unchanged', async () => {
  let r = await runCli(['validate', '--format', 'github', INVALID, SEED]);
  assert.equal(r.code, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^::error file=[^,]*invalid-body\.json,line=4,col=\d+,title=delay\.duration\.iso8601::\/automation\/steps\/0\/duration: .*PT5M/);
  assert.ok(lines.some((l) => /^::error file=[^,]*invalid-body\.json,line=\d+,col=\d+,title=send\.recipient\.missing::/.test(l)));
  assert.ok(lines.some((l) => /^::warning file=[^,]*seed-example\.json,line=14,col=18,title=delay\.until\.no_offset::/.test(l)));
  assert.match(lines.at(-1), /^2 files: 1 valid, 1 invalid/);
  r = await runCli(['validate', '--format', 'github', fixture('valid/sdk-all-params.json')]);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '1 file: 1 valid, 0 invalid (0 errors, 0 warnings)\n');
});

test('validate: a fixtures file gets a hint on stderr beside the report', async () => {
  const r = await runCli(['validate', fixture('scenarios/templates.fixtures.json')]);
  assert.equal(r.code, 1);
  assertOneLine(assert, r.stderr, 'looks like a fixtures file', 'dry-run');
  assert.match(r.stdout, /\/automation/);
});

test('validate --format github in a workflow: files named from GITHUB_WORKSPACE, the repository root', async () => {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  // An absolute path inside the workspace becomes relative to it; outside, it stays as given.
  let r = await runCli(['validate', '--format', 'github', INVALID], { env: { GITHUB_WORKSPACE: root } });
  assert.match(r.stdout, /^::error file=tests\/fixtures\/scenarios\/invalid-body\.json,line=4,/m);
  r = await runCli(['validate', '--format', 'github', INVALID], { env: { GITHUB_WORKSPACE: '/somewhere/else' } });
  assert.ok(r.stdout.includes(`::error file=${INVALID},line=4,`), r.stdout);
});
