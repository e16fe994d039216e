/**
 * The playground's static server: node:http, no dependency, no server-side logic.
 *
 *   /            -> web-demo/           (the page, its modules and examples)
 *   /pkg/js/     -> js/                 (the package's public browser entry and its imports)
 *   /pkg/dist/   -> dist/               (the wasm glue and the .wasm, as application/wasm)
 *
 * Every response carries `Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'`, so
 * the page proves the package works without eval, inline scripts or inline handlers.
 *
 * Run it alone with `node web-demo/server.mjs [--port N] [--host H]`, or import startServer().
 */
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CSP = "script-src 'self' 'wasm-unsafe-eval'";

const here = resolve(fileURLToPath(new URL('.', import.meta.url)));
const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.d.ts': 'text/plain; charset=utf-8',
};

/** URL prefix -> folder on disk. The longest prefix wins; only these folders are served. */
const MOUNTS = [
  ['/pkg/js/', join(repo, 'js')],
  ['/pkg/dist/', join(repo, 'dist')],
  ['/', here],
];

/** @param {string} pathname @returns {string | null} a file path inside a mount, or null */
export function resolvePath(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  for (const [prefix, dir] of MOUNTS) {
    if (!decoded.startsWith(prefix)) continue;
    const rest = decoded.slice(prefix.length) || 'index.html';
    const file = normalize(join(dir, rest));
    if (file !== dir && !file.startsWith(dir + sep)) return null; // ../ escapes
    if (prefix === '/' && file.startsWith(join(here, 'server.mjs'))) return null;
    return file;
  }
  return null;
}

function send(res, status, text, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CSP, ...headers });
  res.end(text);
}

/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
async function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  let file = resolvePath(pathname);
  if (!file) return send(res, 404, 'Not Found\n');
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    if (!pathname.endsWith('/')) return send(res, 301, '', { Location: pathname + '/' });
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return send(res, 404, 'Not Found\n');
  const type = file.endsWith('.d.ts') ? TYPES['.d.ts'] : TYPES[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': info.size,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

/**
 * Starts the server. Port 0 picks a free port (tests); the resolved URL is returned.
 * @param {{ port?: number, host?: string }} [options]
 * @returns {Promise<{ server: import('node:http').Server, url: string, close: () => Promise<void> }>}
 */
export function startServer({ port = 8080, host = '127.0.0.1' } = {}) {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
      const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      resolve({
        server,
        url: `http://${shown}:${addr.port}/`,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

/** `--port N`, `--port=N`, `--host H` and the PORT / HOST environment variables. */
export function parseArgs(argv, env = process.env) {
  const out = { port: env.PORT !== undefined && env.PORT !== '' ? Number(env.PORT) : 8080, host: env.HOST || '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--port' || flag === '-p') out.port = Number(value());
    else if (flag === '--host') out.host = value();
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) throw new Error(`invalid port: ${out.port}`);
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url } = await startServer(parseArgs(process.argv.slice(2)));
  console.log(`Playground: ${url}`);
}
