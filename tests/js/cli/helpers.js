/**
 * Shared by the CLI tests: spawn the real CLI, paths to the fixtures, a scratch directory.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../../js/cli/main.js', import.meta.url));
export const fixture = (name) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
export const SEED = fixture('valid/seed-example.json');

/**
 * Runs `node js/cli/main.js ...args`.
 * @param {string[]} args
 * @param {{ input?: string, env?: Record<string, string | undefined>, timeout?: number }} [options]
 * @returns {Promise<{ code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string }>}
 */
export function runCli(args, { input, env = {}, timeout = 20_000 } = {}) {
  return new Promise((resolve, reject) => {
    const baseEnv = { ...process.env };
    delete baseEnv.FORCE_COLOR;
    delete baseEnv.NO_COLOR;
    delete baseEnv.COURIER_API_KEY;
    delete baseEnv.COURIER_BASE_URL;
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...baseEnv, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/** One line, no stack trace: what every failure of the CLI must look like on stderr. */
export function assertOneLine(assert, stderr, ...needles) {
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${stderr}`);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  assert.match(lines[0], /^courier-automations: /);
  for (const n of needles) assert.ok(lines[0].includes(n), `stderr should mention ${n}: ${lines[0]}`);
}

/**
 * Runs `fn` with a writer of files in a fresh temporary directory, removed afterwards.
 * @template T
 * @param {(write: (name: string, text: string) => Promise<string>) => Promise<T>} fn `write` returns the file's path
 * @returns {Promise<T>}
 */
export async function withFiles(fn) {
  const dir = await mkdtemp(join(tmpdir(), 'caw-cli-'));
  try {
    return await fn(async (name, text) => {
      const file = join(dir, name);
      await writeFile(file, text);
      return file;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
