// End to end: the playground in headless Debian Chromium (driven by playwright-core), served by
// web-demo/server.mjs on a free port, under `script-src 'self' 'wasm-unsafe-eval'`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startServer, CSP } from '../../../web-demo/server.mjs';
import { chromiumForTests } from '../../runtime/browser-page.js';

const root = new URL('../../../', import.meta.url);
const chromium = chromiumForTests();
const skip = chromium.missing ? 'no Chromium (scripts/bootstrap.sh installs it)' : false;

/** The two screens the page is checked on; each test's screenshot goes to tests/artifacts/ (and docs/). */
const SCREENS = [
  { name: 'phone', viewport: { width: 390, height: 844 }, shot: 'playground-mobile.png' },
  { name: 'desktop', viewport: { width: 1366, height: 768 }, shot: 'playground.png' },
];

let server;
const consoleErrors = [];

before(async () => {
  server = await startServer({ port: 0 });
});

after(async () => {
  await server?.close();
});

/** A fresh page at `viewport` that records console errors and CSP violations. */
async function openPage(viewport) {
  const context = await chromium.browser().newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(server.url);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', 'the wasm module loaded');
  return page;
}

async function loadExample(page, id) {
  await page.selectOption('#examples', id);
  await page.waitForFunction((want) => document.body.dataset.example === want, id);
}

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
  const page = await openPage({ width: 1366, height: 900 });
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

  const csp = await page.evaluate(() => window.__csp ?? []);
  assert.deepEqual(csp, [], 'no CSP violations');
  assert.deepEqual(consoleErrors, [], 'no console errors');
  await page.context().close();
});

/** Each error-making edit of the delay-then-cancel scenario, spread over both invocations. */
const BREAKS = [
  ['"duration": "1 day"', '"duration": 5'],
  ['"template": "cart-reminder"', '"template": 5'],
  ['"cancelation_token": "cart-abandoned--A-1001" }', '"cancelation_token": 7 }'],
  ['"template": "order-confirmation"', '"template": []'],
];

/** Whether two DOMRect-like boxes overlap. */
const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

for (const screen of SCREENS) {
  test(`playground at ${screen.viewport.width} px: no sideways page scroll, a scrolling timeline with sticky labels, every problem reachable`, { skip, timeout: 300_000 }, async (t) => {
    const page = await openPage(screen.viewport);
    const pageWidth = () => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
    await loadExample(page, 'delay-then-cancel');

    await t.test('the page is never wider than the screen', async () => {
      const { scroll, inner } = await pageWidth();
      assert.ok(scroll <= inner, `page ${scroll} px wide in a ${inner} px viewport`);
      if (screen.viewport.width < 400) { // the narrowest phone the page supports
        await page.setViewportSize({ width: 360, height: screen.viewport.height });
        await page.waitForFunction(() => innerWidth === 360);
        const ids = await page.locator('#examples option').evaluateAll((os) => os.map((o) => o.value));
        for (const id of [...ids, 'delay-then-cancel']) { // each with its step panel, messages and timeline
          await loadExample(page, id);
          const narrow = await pageWidth();
          assert.ok(narrow.scroll <= narrow.inner, `${id}: page ${narrow.scroll} px wide in a 360 px viewport`);
        }
        await page.setViewportSize(screen.viewport);
        await page.waitForFunction((w) => innerWidth === w, screen.viewport.width);
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))); // timeline redrawn
      }
    });

    await t.test('the timeline scrolls inside its card, run labels stay put, a cue says there is more', async () => {
      const measure = () => page.evaluate(() => {
        const host = document.getElementById('timeline');
        const box = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
        const cue = document.getElementById('timeline-cue');
        return {
          host: box(host), card: box(host.closest('.card')), scrollable: host.scrollWidth > host.clientWidth + 1,
          labels: [...host.querySelectorAll('.run-label')].map(box),
          steps: [...host.querySelectorAll('g.step')].map(box),
          cue: cue !== null && cue.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
        };
      });
      const before = await measure();
      assert.ok(before.card.right <= screen.viewport.width, 'the dry-run card fits the screen');
      assert.equal(before.labels.length, 2);
      if (screen.viewport.width < 800) assert.ok(before.scrollable, 'a phone scrolls the timeline inside its card');
      assert.equal(before.cue, before.scrollable, before.scrollable ? 'a scroll cue shows' : 'no scroll cue when all fits');
      await page.evaluate(() => { const h = document.getElementById('timeline'); h.scrollLeft = h.scrollWidth; });
      await page.waitForFunction(() => { const h = document.getElementById('timeline'); return h.scrollLeft + h.clientWidth >= h.scrollWidth - 1; });
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))); // scroll events delivered
      const after = await measure();
      for (const [i, label] of after.labels.entries()) {
        assert.ok(Math.abs(label.left - before.labels[i].left) < 1, `run ${i + 1}'s label stayed (${before.labels[i].left} -> ${label.left})`);
        assert.ok(label.left >= after.host.left && label.right <= after.host.right, `run ${i + 1}'s label is inside the card`);
      }
      const last = Math.max(...after.steps.map((s) => s.right));
      assert.ok(last <= after.host.right, `the last step (right ${last}) comes into view (card right ${after.host.right})`);
      if (before.scrollable) assert.equal(after.cue, false, 'scrolled to the end: the cue goes');
      await page.evaluate(() => { document.getElementById('timeline').scrollLeft = 0; });
      // A message's "Run 2 · step 2" link selects that step and scrolls the timeline to it.
      await page.locator('#messages .message button.link').first().click();
      const shown = await page.evaluate(() => {
        const host = document.getElementById('timeline');
        const step = host.querySelector('g.step.selected').getBoundingClientRect();
        return { step: step.left, from: host.querySelector('.run-label').getBoundingClientRect().right, to: host.getBoundingClientRect().right };
      });
      assert.ok(shown.step >= shown.from && shown.step < shown.to, `the linked step starts at ${shown.step}, visible from ${shown.from} to ${shown.to}`);
      await page.evaluate(() => { document.getElementById('timeline').scrollLeft = 0; });
    });

    await t.test('switching examples shows the new one from its first column and line', async () => {
      const scrolled = await page.evaluate(() => {
        const t = /** @type {HTMLTextAreaElement} */ (document.getElementById('payload'));
        t.scrollLeft = t.scrollWidth;
        t.scrollTop = t.scrollHeight;
        return { left: t.scrollLeft, top: t.scrollTop };
      });
      assert.ok(scrolled.left > 0 && scrolled.top > 0, JSON.stringify(scrolled));
      await loadExample(page, 'seed-example');
      const now = await page.evaluate(() => {
        const t = /** @type {HTMLTextAreaElement} */ (document.getElementById('payload'));
        return { left: t.scrollLeft, top: t.scrollTop };
      });
      assert.deepEqual(now, { left: 0, top: 0 });
    });

    await t.test('the seed example: the gap label clears the axis break, one numbering, the run id on one line, the arrow before its recipient', async () => {
      const flaws = await page.evaluate(() => {
        const boxes = (sel) => [...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect());
        // The line boxes the text of `node` is laid out in.
        const lines = (node) => {
          const tops = new Set();
          const walk = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(n);
            for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
          }
          return tops.size;
        };
        const runDd = [...document.querySelectorAll('#step-details dd')].find((dd) => /^\d-[0-9a-f]{8}-/.test(dd.textContent));
        const arrow = document.querySelector('#messages .arrow')?.getBoundingClientRect();
        const recipient = document.querySelector('#messages .recipient')?.getBoundingClientRect();
        return {
          gapLabels: boxes('#timeline .gap-label'),
          others: [...boxes('#timeline .gap-break'), ...boxes('#timeline .tick-label'), ...boxes('#timeline .step-label')],
          runIdLines: runDd ? lines(runDd) : 0,
          arrowTop: arrow?.top, recipientTop: recipient?.top, arrowRight: arrow?.right, recipientLeft: recipient?.left,
          stepTitle: document.getElementById('step-title').textContent,
          tip: document.querySelector('#timeline g.step[data-run="0"][data-step="0"] title')?.textContent ?? '',
          problem: document.querySelector('#problems li.problem')?.innerText ?? '',
        };
      });
      assert.equal(flaws.gapLabels.length, 1, 'the seed example has one compressed gap');
      for (const other of flaws.others) assert.ok(!overlap(flaws.gapLabels[0], other), `the gap label overlaps ${JSON.stringify(other)}`);
      assert.equal(flaws.runIdLines, 1, 'the run id is not broken over lines');
      assert.ok(Math.abs(flaws.arrowTop - flaws.recipientTop) < 6 && flaws.arrowRight <= flaws.recipientLeft, 'the arrow sits right before the recipient');
      // One numbering: step 1 is /automation/steps/0 in the step panel, the timeline and the problems.
      assert.match(flaws.stepTitle, /^Run 1 · step 1 · delay$/);
      assert.match(flaws.tip, /^Step 1 · delay/);
      assert.match(flaws.problem, /\/automation\/steps\/0\/until/);
      assert.match(flaws.problem, /\bstep 1\b/);
    });

    await t.test('with several errors every problem is reachable and takes the caret to its line', async () => {
      await loadExample(page, 'delay-then-cancel');
      let payload = await page.inputValue('#payload');
      for (const [from, to] of BREAKS) payload = payload.replace(from, to);
      await page.fill('#payload', payload);
      await page.waitForFunction((n) => document.querySelectorAll('#problems li.problem.error').length >= n, BREAKS.length);
      const rows = page.locator('#problems li.problem.error');
      const count = await rows.count();
      if (screen.viewport.width >= 1100) {
        // Beside the editor: the first three problems are on screen without scrolling the page.
        await page.evaluate(() => window.scrollTo(0, 0));
        const bottoms = await rows.evaluateAll((els) => els.slice(0, 3).map((e) => e.getBoundingClientRect().bottom));
        for (const [i, bottom] of bottoms.entries()) assert.ok(bottom <= screen.viewport.height, `problem ${i + 1} ends at ${bottom}, below the fold`);
      }
      for (let i = 0; i < count; i++) {
        const row = rows.nth(i);
        await row.scrollIntoViewIfNeeded();
        const seen = await row.evaluate((e) => {
          const r = e.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 12));
          return { onScreen: r.top >= -1 && r.bottom <= innerHeight + 1, hit: e.contains(hit) };
        });
        assert.ok(seen.onScreen && seen.hit, `problem ${i + 1} can be brought into view: ${JSON.stringify(seen)}`);
        const line = Number(await row.getAttribute('data-line'));
        await row.click();
        const caret = await page.evaluate((n) => {
          const t = /** @type {HTMLTextAreaElement} */ (document.getElementById('payload'));
          // The caret's line is on screen: its gutter row inside both the editor and the viewport.
          const row = document.querySelector(`#payload-editor .gutter-lines div:nth-child(${n})`).getBoundingClientRect();
          const box = document.getElementById('payload-editor').getBoundingClientRect();
          const shown = row.top >= Math.max(0, box.top) - 1 && row.bottom <= Math.min(innerHeight, box.bottom) + 1;
          return { line: t.value.slice(0, t.selectionStart).split('\n').length, focused: document.activeElement === t, shown };
        }, line);
        assert.deepEqual(caret, { line, focused: true, shown: true }, `problem ${i + 1}`);
      }
      assert.deepEqual(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, 'no sideways scroll with problems shown');
    });

    await t.test(`screenshot (tests/artifacts/${screen.shot})`, async () => {
      await loadExample(page, 'delay-then-cancel');
      await page.locator('#timeline g.step.action-delay').first().click();
      await page.waitForSelector('#step-details .io pre');
      await page.evaluate(() => { document.getElementById('timeline').scrollLeft = 0; window.scrollTo(0, 0); }); // the click scrolled to the bar
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const artifacts = new URL('tests/artifacts/', root);
      await mkdir(artifacts, { recursive: true });
      const file = fileURLToPath(new URL(screen.shot, artifacts));
      await page.screenshot({ path: file, fullPage: true });
      // `CAW_UPDATE_SCREENSHOT=1 node --test tests/js/web/playground.test.js` refreshes the README's pictures.
      if (process.env.CAW_UPDATE_SCREENSHOT === '1') await copyFile(file, fileURLToPath(new URL(`docs/${screen.shot}`, root)));
    });

    assert.deepEqual(await page.evaluate(() => window.__csp ?? []), [], 'no CSP violations');
    assert.deepEqual(consoleErrors, [], 'no console errors');
    await page.context().close();
  });
}
