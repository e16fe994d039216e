// Every recorded command-line session (```console blocks in README.md and docs/*.md) is run
// again and must print exactly what the page shows. `node scripts/sessions.mjs --write`
// rewrites the pages from real output after a deliberate change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectSessions, runSession, sessionText } from '../../scripts/sessions.mjs';

const sessions = collectSessions();

test('the docs have recorded sessions to check', () => {
  assert.ok(sessions.length > 0, 'no ```console block found in README.md or docs/*.md');
});

for (const s of sessions) {
  test(`session at ${s.file}:${s.line} prints what the page shows`, { timeout: 90_000 }, async () => {
    const outputs = await runSession(s.steps);
    assert.equal(sessionText(s.steps, outputs), sessionText(s.steps),
      `${s.file}:${s.line} is stale: run \`node scripts/sessions.mjs --write\` if the new output is right`);
  });
}
