// End to end: the playground in headless Debian Chromium (driven by playwright-core), served by
// web-demo/server.mjs on a free port, under `script-src 'self' 'wasm-unsafe-eval'`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { access, copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startServer, CSP } from '../../../web-demo/server.mjs';

const root = new URL('../../../', import.meta.url);
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const haveChromium = await access(CHROMIUM).then(() => true, () => false);
const skip = haveChromium ? false : `${CHROMIUM} is not installed (scripts/bootstrap.sh installs it)`;

let server;
let browser;
let page;
const consoleErrors = [];
const cspViolations = [];

before(async () => {
  server = await startServer({ port: 0 });
  if (skip) return;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1100 }, deviceScaleFactor: 1 });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the server maps the page and the package, with CSP and application/wasm', async () => {
  const index = await fetch(server.url);
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('content-security-policy'), CSP);
  assert.match(await index.text(), /<script type="module" src="\.\/app\.js"><\/script>/);
  const wasm = await fetch(new URL('pkg/dist/courier_automations.wasm', server.url));
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.equal(wasm.headers.get('content-security-policy'), CSP);
  const entry = await fetch(new URL('pkg/js/browser.js', server.url));
  assert.match(entry.headers.get('content-type'), /^text\/javascript/);
  for (const bad of ['pkg/js/../../package.json', 'pkg/js/%2e%2e/%2e%2e/package.json', '..%2fpackage.json', 'server.mjs']) {
    const res = await fetch(new URL(bad, server.url));
    assert.equal(res.status, 404, bad);
    await res.arrayBuffer();
  }
});

test('the page has no inline script or inline event handler', async () => {
  const html = await (await fetch(server.url)).text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i);
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
});

test('scripts/start.mjs starts on port 0 and prints the URL first', async () => {
  const child = spawn(process.execPath, [fileURLToPath(new URL('scripts/start.mjs', root)), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const line = await new Promise((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d) => {
        buf += d;
        if (buf.includes('\n')) resolve(buf.split('\n')[0]);
      });
      child.once('exit', (code) => reject(new Error(`start.mjs exited with ${code}`)));
    });
    const m = /^Playground: (http:\/\/127\.0\.0\.1:(\d+)\/)$/.exec(line);
    assert.ok(m, line);
    assert.notEqual(m[2], '0');
    const res = await fetch(m[1]);
    assert.equal(res.status, 200);
    await res.arrayBuffer();
  } finally {
    child.kill('SIGTERM');
  }
});

test('playground in Chromium: validation with line:column, delay-then-cancel waterfall, no console errors or CSP violations', { skip, timeout: 300_000 }, async (t) => {
  await page.goto(server.url);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', 'the wasm module loaded');
  // The seed example is loaded first: valid (a warning about its offset-less `until`), dry-run.
  await page.waitForSelector('#timeline svg.timeline');
  assert.equal(await page.locator('#problems li.problem.error').count(), 0);

  await t.test('an invalid payload shows its problem at the right line', async () => {
    const invalid = [
      '{',
      '  "recipient": "user-1",',
      '  "automation": {',
      '    "steps": [',
      '      { "action": "send", "template": "T" },',
      '      { "action": "delay", "duration": 5 }',
      '    ]',
      '  }',
      '}',
    ].join('\n');
    await page.fill('#payload', '');
    await page.type('#payload', invalid.slice(0, 40));
    await page.fill('#payload', invalid); // the rest at once; `input` fires, debounced validation runs
    const item = page.locator('#problems li.problem.error').first();
    await item.waitFor();
    assert.equal(await item.getAttribute('data-line'), '6', await item.innerText());
    assert.match(await item.locator('.loc').innerText(), /^6:\d+$/);
    assert.match(await page.locator('#payload-editor .gutter-lines div:nth-child(6)').getAttribute('class'), /mark-error/);
    // Clicking it moves the cursor to that line.
    await item.click();
    const caretLine = await page.evaluate(() => {
      const t = /** @type {HTMLTextAreaElement} */ (document.getElementById('payload'));
      return t.value.slice(0, t.selectionStart).split('\n').length;
    });
    assert.equal(caretLine, 6);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'payload');

    // Malformed JSON: the syntax error is placed too.
    await page.fill('#payload', '{\n  "recipient": "u",\n  "automation": { "steps": [ ] ,, }\n}');
    await page.waitForFunction(() => document.querySelector('#problems li.problem.error .loc')?.textContent.startsWith('3:'));
  });

  await t.test('one report: each problem once, every one located by the package in the editor it is in', async () => {
    await page.selectOption('#examples', 'delay-then-cancel');
    await page.waitForFunction(() => document.body.dataset.example === 'delay-then-cancel');
    // The dry run refuses a request the validator refuses: its report is the validator's, shown once.
    const payload = await page.inputValue('#payload');
    await page.fill('#payload', payload.replace('"template": "cart-reminder"', '"template": 5'));
    const item = page.locator('#problems li.problem.error[data-editor="payload"]').first();
    await item.waitFor();
    const texts = await page.locator('#problems li.problem').allInnerTexts();
    assert.equal(new Set(texts).size, texts.length, texts.join('\n---\n'));
    const line = Number(await item.getAttribute('data-line'));
    assert.match((await page.inputValue('#payload')).split('\n')[line - 1], /"template": 5/);
    await page.fill('#payload', payload);
    // A problem of the fixtures editor is placed in it, at its line.
    const fixtures = await page.inputValue('#fixtures');
    await page.fill('#fixtures', '{\n  "lists": {},\n  "gadgets": {}\n}\n');
    const fx = page.locator('#problems li.problem.error[data-editor="fixtures"]').first();
    await fx.waitFor();
    assert.match(await fx.locator('.loc').innerText(), /^fixtures 3:\d+$/);
    assert.match(await fx.locator('.path').innerText(), /^\/gadgets$/);
    assert.match(await page.locator('#fixtures-editor .gutter-lines div:nth-child(3)').getAttribute('class'), /mark-error/);
    await page.fill('#fixtures', '{\n  "lists": ,\n}');
    await page.waitForFunction(() => document.querySelector('#problems li.problem.error[data-editor="fixtures"] .loc')?.textContent.startsWith('fixtures 2:'));
    await page.fill('#fixtures', fixtures);
    await page.waitForFunction(() => !document.querySelector('#problems li.problem.error'));
  });

  await t.test('the delay-then-cancel example shows two runs, one canceled', async () => {
    await page.selectOption('#examples', 'delay-then-cancel');
    await page.waitForFunction(() => document.body.dataset.example === 'delay-then-cancel');
    const badges = await page.locator('#timeline .run-label .badge-text').allTextContents();
    assert.deepEqual(badges.slice().sort(), ['CANCELED', 'PROCESSED']);
    assert.equal(await page.locator('#timeline .run-end.status-canceled').count(), 1);
    assert.ok(await page.locator('#timeline .bar.wait').count() >= 1, 'the delay is drawn as a wait');
    assert.match(await page.locator('#run-summary').innerText(), /2 runs/);
    // Clicking a step shows its input and output.
    await page.locator('#timeline g.step').first().click();
    await page.waitForSelector('#step-details .io pre');
    assert.match(await page.locator('#step-title').innerText(), /Run \d · step \d/);
    const messages = await page.locator('#messages .message').count();
    assert.ok(messages >= 1, 'the confirmation would be sent');
  });

  await t.test('every example dry-runs', async () => {
    const ids = await page.locator('#examples option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(ids.length >= 6, String(ids));
    for (const id of ids) {
      await page.selectOption('#examples', id);
      await page.waitForFunction((want) => document.body.dataset.example === want, id);
      const errors = await page.locator('#problems li.problem.error').allInnerTexts();
      assert.deepEqual(errors, [], `${id}: ${errors.join('\n')}`);
      assert.equal(await page.locator('#timeline svg.timeline').count(), 1, `${id} has a timeline: ${await page.locator('#timeline').innerText()}`);
    }
  });

  await t.test('invoke for real sends the payload through the client to the typed base URL', async () => {
    // A stand-in for `courier-automations serve`: answers the CORS preflight and the POST.
    const { createServer } = await import('node:http');
    const seen = [];
    const emulator = createServer((req, res) => {
      const cors = {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': 'authorization, content-type, idempotency-key, x-idempotency-expiration',
      };
      if (req.method === 'OPTIONS') { res.writeHead(204, cors); res.end(); return; }
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, key: req.headers['idempotency-key'], body: JSON.parse(body) });
        res.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ runId: '1-00000000-000000000000000000000001' }));
      });
    });
    await new Promise((r) => emulator.listen(0, '127.0.0.1', r));
    try {
      await page.selectOption('#examples', 'send-list-fanout');
      await page.waitForFunction(() => document.body.dataset.example === 'send-list-fanout');
      await page.click('#invoke-panel summary');
      await page.fill('#base-url', 'https://api.courier.com');
      assert.equal(await page.locator('#ack-row').isVisible(), true, 'a non-local URL asks for consent first');
      await page.fill('#base-url', `http://127.0.0.1:${emulator.address().port}`);
      assert.equal(await page.locator('#ack-row').isVisible(), false);
      await page.click('#invoke');
      await page.waitForSelector('#invoke-result.good, #invoke-result.bad');
      const result = await page.locator('#invoke-result').innerText();
      assert.match(result, /runId 1-00000000-000000000000000000000001/, result);
      assert.equal(seen.length, 1);
      assert.equal(seen[0].url, '/automations/invoke');
      assert.match(seen[0].auth, /^Bearer /);
      assert.ok(seen[0].key, 'an Idempotency-Key is sent');
      assert.equal(seen[0].body.automation.steps[0].list, 'beta-testers');
    } finally {
      emulator.closeAllConnections?.();
      await new Promise((r) => emulator.close(r));
    }
  });

  await t.test('screenshot (tests/artifacts/playground.png)', async () => {
    await page.evaluate(() => { document.getElementById('invoke-panel').open = false; });
    await page.selectOption('#examples', 'delay-then-cancel');
    await page.waitForFunction(() => document.body.dataset.example === 'delay-then-cancel');
    await page.locator('#timeline g.step.action-delay').first().click();
    await page.waitForSelector('#step-details .io pre');
    const artifacts = new URL('tests/artifacts/', root);
    await mkdir(artifacts, { recursive: true });
    const file = fileURLToPath(new URL('playground.png', artifacts));
    await page.screenshot({ path: file, fullPage: true });
    if (process.env.CAW_UPDATE_SCREENSHOT === '1') await copyFile(file, fileURLToPath(new URL('docs/playground.png', root)));
  });

  const csp = await page.evaluate(() => window.__csp ?? []);
  assert.deepEqual(csp, [], 'no CSP violations');
  assert.deepEqual(consoleErrors, [], 'no console errors');
});
