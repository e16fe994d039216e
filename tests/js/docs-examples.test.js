// Every runnable example (```js run blocks in README.md and docs/*.md) runs as a module of its
// own and must exit 0. It imports the package by name (self-reference: the built dist/ bundles)
// and asserts what it shows with node:assert, so an example that no longer works turns red.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { docFiles, fencedBlocks, repoRoot } from '../../scripts/sessions.mjs';

// Inside the repository, so that `import 'courier-automations-wasm'` resolves to this package;
// /.cache/ is ignored by git.
const dir = join(repoRoot, '.cache', 'docs-examples');

const examples = docFiles().flatMap((file) =>
  fencedBlocks(readFileSync(join(repoRoot, file), 'utf8'))
    .filter((b) => /^(js|javascript|mjs)\s+run\b/.test(b.info))
    .map((b) => ({ file, line: b.line, code: b.body })));

function run(path) {
  // Examples must not reach Courier: no key or base URL from the environment.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('COURIER_')));
  return new Promise((resolve) => {
    execFile(process.execPath, [path], { cwd: repoRoot, env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code ?? error.signal) : 0, stdout, stderr }));
  });
}

test('the docs have runnable examples', () => {
  assert.ok(examples.length > 0, 'no ```js run block found in README.md or docs/*.md');
});

mkdirSync(dir, { recursive: true });
for (const ex of examples) {
  test(`example at ${ex.file}:${ex.line} runs`, { timeout: 90_000 }, async () => {
    const path = join(dir, `${ex.file.replace(/[/.]/g, '_')}-${ex.line}.mjs`);
    writeFileSync(path, ex.code + '\n');
    const { code, stdout, stderr } = await run(path);
    assert.equal(code, 0, `${ex.file}:${ex.line} failed (exit ${code}):\n${stderr || stdout}`);
  });
}
