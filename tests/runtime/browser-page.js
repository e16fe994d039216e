/** The browser test page over the installed package (used by the Chromium test). */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedText, packageName, importEntries } from './installed.js';

export const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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
