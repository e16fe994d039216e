// The committed generated files (C++ tables, Action enum, field ids, model field lists,
// TypeScript step types) must be exactly what scripts/generate.mjs makes of spec/: the build
// uses the committed files and never regenerates them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OUTPUTS } from '../../scripts/generate.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = join(root, 'scripts/generate.mjs');
const run = (...args) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

// A copy of the description and the committed outputs, to break on purpose.
function scratch(t) {
  const dir = mkdtempSync(join(tmpdir(), 'caw-generate-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(root, 'spec'), join(dir, 'spec'), { recursive: true });
  for (const path of Object.values(OUTPUTS)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    cpSync(join(root, path), join(dir, path));
  }
  return dir;
}

test('the committed generated files are up to date with spec/', () => {
  const r = run('--check');
  assert.equal(r.status, 0, r.stderr);
});

test('--check exits 1 and names each stale file; generating makes them fresh again', (t) => {
  const dir = scratch(t);
  assert.equal(run('--check', '--root', dir).status, 0);

  // A new engine-only field on the send step changes the C++ tables, the field ids, the model's
  // field list and the TypeScript types, but not the Action enum.
  const enginePath = join(dir, 'spec/engine.json');
  const engine = JSON.parse(readFileSync(enginePath, 'utf8'));
  engine.objects.AutomationSendStep.fields.channel = { type: 'string', description: 'A test field.' };
  writeFileSync(enginePath, JSON.stringify(engine, null, 2));

  const stale = run('--check', '--root', dir);
  assert.equal(stale.status, 1);
  for (const path of [OUTPUTS.tables, OUTPUTS.fieldIds, OUTPUTS.model, OUTPUTS.ts]) {
    assert.match(stale.stderr, new RegExp(`^  ${path.replace(/\./g, '\\.')}$`, 'm'));
  }
  assert.doesNotMatch(stale.stderr, /action\.generated\.hpp/);

  assert.equal(run('--root', dir).status, 0);
  assert.equal(run('--check', '--root', dir).status, 0);
  assert.match(readFileSync(join(dir, OUTPUTS.model), 'utf8'), /X\("channel", channel, StringValue\)/);
  assert.match(readFileSync(join(dir, OUTPUTS.tables), 'utf8'), /\{"channel", Type::String, OPT, NUL, E, ACC\},/);
});

test('the closed shapes are generated from engine.json closed, and checked', (t) => {
  const dir = scratch(t);
  const enginePath = join(dir, 'spec/engine.json');
  const engine = JSON.parse(readFileSync(enginePath, 'utf8'));
  // The engine learns a delay property: only the closed tables change.
  engine.closed.steps.delay.properties.idempotency_key = 'string';
  writeFileSync(enginePath, JSON.stringify(engine, null, 2));
  const stale = run('--check', '--root', dir);
  assert.equal(stale.status, 1);
  assert.match(stale.stderr, /closed_tables\.generated\.inc/);
  assert.doesNotMatch(stale.stderr, /spec_tables|field_ids|step_fields|steps\.generated/);
  assert.equal(run('--root', dir).status, 0);
  assert.match(readFileSync(join(dir, OUTPUTS.closed), 'utf8'), /\{"idempotency_key", STR\},/);

  // A fill or a code naming no property of the shape is refused.
  engine.closed.steps.send.fill.recipent = 'truthy';
  writeFileSync(enginePath, JSON.stringify(engine, null, 2));
  const r = run('--root', dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /closed send: names the unknown property recipent/);
});

test('a hand edit to a generated file is stale too', (t) => {
  const dir = scratch(t);
  const path = join(dir, OUTPUTS.tables);
  writeFileSync(path, readFileSync(path, 'utf8').replace('{"until", Type::String, OPT, NUL, O, ACC}', '{"until", Type::String, REQ, NUL, O, ACC}'));
  const r = run('--check', '--root', dir);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /spec_tables\.generated\.inc/);
});

test('a description the generator cannot map is refused with a reason (exit 2), nothing written', (t) => {
  const dir = scratch(t);
  const enginePath = join(dir, 'spec/engine.json');
  const engine = JSON.parse(readFileSync(enginePath, 'utf8'));
  engine.objects.AutomationCancelStep.fields.cancelationtoken = { type: 'string', alias_of: 'cancelation_token' };
  engine.names.cpp.cancelationtoken = 'cancelation_token'; // collides with the real field's member
  writeFileSync(enginePath, JSON.stringify(engine, null, 2));
  const before = readFileSync(join(dir, OUTPUTS.tables), 'utf8');
  const r = run('--root', dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /make one C\+\+ name/);
  assert.equal(readFileSync(join(dir, OUTPUTS.tables), 'utf8'), before);
});

const clangFormat = spawnSync('clang-format', ['--version'], { encoding: 'utf8' });
test('the generated C++ is already clang-formatted', { skip: clangFormat.status !== 0 && 'clang-format not installed' }, () => {
  for (const path of [OUTPUTS.tables, OUTPUTS.closed, OUTPUTS.action, OUTPUTS.fieldIds, OUTPUTS.model]) {
    const text = readFileSync(join(root, path), 'utf8');
    const r = spawnSync('clang-format', ['--assume-filename=x.cpp', `--style=file:${join(root, '.clang-format')}`], {
      input: text,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, text, `${path} is not clang-formatted`);
  }
});
