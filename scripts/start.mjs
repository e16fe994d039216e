// `npm start`: serves the playground (web-demo/) with the package's browser entry under /pkg/.
// `node scripts/start.mjs --port 0` picks a free port; the first line printed is the URL.
import { access } from 'node:fs/promises';
import { parseArgs, startServer } from '../web-demo/server.mjs';

const wasm = new URL('../dist/courier_automations.wasm', import.meta.url);
await access(wasm).catch(() => {
  console.error('dist/courier_automations.wasm is missing: run `npm run build` (npm start does it for you)');
  process.exit(1);
});

const { url, close } = await startServer(parseArgs(process.argv.slice(2)));
console.log(`Playground: ${url}`);
console.log('Serving web-demo/ at / and the package (js/, dist/) at /pkg/. Ctrl+C stops.');
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => close().then(() => process.exit(0)));
}
