// The installed package in Chromium (Debian's /usr/bin/chromium driven by playwright-core):
// a test page imports every entry's "browser" bundle from a local static server, once without
// and once with the CSP `script-src 'self' 'wasm-unsafe-eval'`; no CSP violation may occur.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installed, writeProbe } from './installed.js';
import { chromiumForTests, writePage } from './browser-page.js';
import { assertProbe } from './expect.js';
import { serve } from './serve.js';

const { missing, browser } = chromiumForTests();


const csp = "script-src 'self' 'wasm-unsafe-eval'";
for (const [label, headers] of [['without CSP', {}], [`with CSP ${csp}`, { 'Content-Security-Policy': csp }]]) {
  test(`chromium ${label}: init, validate, normalize and dryRun from the browser entries`, { skip: missing, timeout: 120_000 }, async () => {
    const { project, pkg } = installed();
    writeProbe(project);
    const page = writePage(project, pkg);
    const server = await serve(project, headers);
    const context = await browser().newContext();
    const tab = await context.newPage();
    const console_ = [];
    tab.on('console', (m) => console_.push(`${m.type()}: ${m.text()}`));
    tab.on('pageerror', (e) => console_.push(`pageerror: ${e.message}`));
    try {
      const response = await tab.goto(server.url + page);
      if (headers['Content-Security-Policy']) assert.equal(response.headers()['content-security-policy'], csp);
      await tab.waitForFunction(() => window.__result !== undefined, null, { timeout: 60_000 });
      const { ok, result, error } = await tab.evaluate(() => window.__result);
      assert.ok(ok, `page failed: ${error}\n${console_.join('\n')}`);
      assertProbe(result, `chromium ${label}`);
      assert.deepEqual(await tab.evaluate(() => window.__violations), [], 'no securitypolicyviolation event');
      assert.deepEqual(console_.filter((l) => /Content Security Policy|Refused to|EvalError/i.test(l)), [], 'no CSP complaint on the console');
      for (const wasm of ['/dist/caw_validate.wasm', '/dist/courier_automations.wasm']) {
        assert.ok(server.requests.some((p) => p.endsWith(wasm)), `${wasm} was fetched from the package`);
      }
      // One file per entry: the bundles import nothing but each other.
      const scripts = server.requests.filter((p) => p.includes(`/node_modules/`) && p.endsWith('.js')).sort();
      assert.deepEqual(scripts.map((p) => p.replace(/^.*\/node_modules\/[^/]+\//, '')),
        ['dist/browser.js', 'dist/client/index.js', 'dist/dry-run/browser.js']);
    } finally {
      await context.close();
      await server.close();
    }
  });
}

test('chromium with a CSP lacking wasm-unsafe-eval: the violation is seen (control for the test above)', { skip: missing, timeout: 120_000 }, async () => {
  const { project, pkg } = installed();
  writeProbe(project);
  const page = writePage(project, pkg);
  const server = await serve(project, { 'Content-Security-Policy': "script-src 'self'" });
  const context = await browser().newContext();
  const tab = await context.newPage();
  try {
    await tab.goto(server.url + page);
    await tab.waitForFunction(() => window.__result !== undefined, null, { timeout: 60_000 });
    const { ok } = await tab.evaluate(() => window.__result);
    const violations = await tab.evaluate(() => window.__violations);
    assert.equal(ok, false, 'wasm compilation is refused without wasm-unsafe-eval');
    assert.ok(violations.length > 0, 'and reported as a securitypolicyviolation');
  } finally {
    await context.close();
    await server.close();
  }
});
