/** The browser test page over the installed package (used by the Chromium test). */
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { before, after } from 'node:test';
import { join } from 'node:path';
import { seedText, packageName, importEntries } from './installed.js';

export const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * One headless Chromium (Debian's, driven by playwright-core) for the test file that calls this:
 * launched before its tests, closed after them. `missing` says the tests must be skipped.
 * @returns {{ missing: boolean, browser: () => import('playwright-core').Browser }}
 */
export function chromiumForTests() {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  const missing = !existsSync(executablePath);
  if (missing) console.warn(`!! SKIPPED: no Chromium at ${executablePath} (scripts/bootstrap.sh installs Debian's chromium)`);
  let browser;
  before(async () => {
    if (missing) return;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath, args: launchArgs });
  });
  after(async () => { await browser?.close(); });
  return { missing, browser: () => browser };
}

/** Writes the test page into the installed project; returns its path on the server. */
export function writePage(project, pkg) {
  const dir = join(project, 'browser-test');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'seed.json'), seedText);
  // No inline script: under script-src 'self' only same-origin script files run.
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>caw</title><script type="module" src="./main.js"></script>\n');
  writeFileSync(join(dir, 'main.js'), `
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    ${importEntries(pkg, { conditions: ['browser'], base: `/node_modules/${packageName}` })}
    import { probe } from '/probe.mjs';
    try {
      await main.init();
      await dryRun.init();
      const seed = await (await fetch('./seed.json')).text();
      window.__result = { ok: true, result: await probe({ main, dryRun, client }, seed) };
    } catch (e) {
      window.__result = { ok: false, error: String(e && e.stack || e) };
    }
  `);
  return '/browser-test/index.html';
}
