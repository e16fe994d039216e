#!/usr/bin/env node
/**
 * Recorded command-line sessions in the docs, re-run for real.
 *
 * A fenced block opened with ```console in README.md or docs/*.md is a session: every line
 * starting with `$ ` is a command (a trailing `\` continues it on the next line), and the
 * lines after it, up to the next command, are its exact stdout and stderr. Each session runs
 * in one bash process from the repository root, so `echo $?` reads the previous command's
 * exit code; `courier-automations` is the repository's bin (node js/cli/main.js), colours are
 * off and no COURIER_* variable is inherited. A command ending in `&` runs in the background
 * until the session ends; what it printed before it fell quiet is its recorded output.
 *
 *   node scripts/sessions.mjs [files…]           compare, print the differences, exit 1 on any
 *   node scripts/sessions.mjs --write [files…]   rewrite the recorded output from real output
 *
 * tests/js/docs-sessions.test.js runs the comparison in `npm test`.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/** README.md and docs/*.md, relative to the repository root. */
export function docFiles() {
  const docs = readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).sort();
  return ['README.md', ...docs.map((f) => `docs/${f}`)];
}

/**
 * The fenced code blocks of a Markdown text: { info, body, line (1-based line of the opening
 * fence), start, end (line indexes of the body, end exclusive) }.
 */
export function fencedBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(lines[j])) j++;
    blocks.push({ info: open[2].trim(), body: lines.slice(i + 1, j).join('\n'), line: i + 1, start: i + 1, end: j });
    i = j;
  }
  return blocks;
}

/** The commands of a session block with their recorded output lines. */
export function parseSession(body) {
  const steps = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('$ ')) {
      let command = lines[i].slice(2);
      while (command.endsWith('\\') && i + 1 < lines.length) command += '\n' + lines[++i];
      steps.push({ command, output: [] });
    } else if (steps.length) {
      steps[steps.length - 1].output.push(lines[i]);
    } else if (lines[i] !== '') {
      throw new Error(`a session must start with a "$ " command line, not: ${lines[i]}`);
    }
  }
  return steps;
}

/** Every session of the given files: { file, line, start, end, steps }. */
export function collectSessions(files = docFiles()) {
  return files.flatMap((file) => fencedBlocks(readFileSync(join(repoRoot, file), 'utf8'))
    .filter((b) => b.info === 'console')
    .map((b) => ({ file, line: b.line, start: b.start, end: b.end, steps: parseSession(b.body) })));
}

const MARK = '\u001eCAW-SESSION\u001e';

/** The bash script that runs a session's commands, each output preceded by a marker line. */
function script(steps) {
  const out = [
    `courier-automations() { node ${JSON.stringify(join(repoRoot, 'js/cli/main.js'))} "$@"; }`,
    'export -f courier-automations',
    // Wait until a background command's output has stopped growing (at most 15 s).
    '__caw_quiet() { local last=-1 same=0 size; for _ in $(seq 150); do size=$(stat -c %s "$1");' +
      ' if [ "$size" -gt 0 ] && [ "$size" = "$last" ]; then same=$((same+1)); [ $same -ge 3 ] && return; else same=0; fi;' +
      ' last=$size; sleep 0.1; done; }',
    '__caw_tmp=$(mktemp -d)',
    '__caw_rc=0',
  ];
  steps.forEach(({ command }, i) => {
    out.push(`printf '%s\\n' '${MARK}'`, '(exit $__caw_rc)');
    const background = /&\s*$/.test(command) && !/&&\s*$/.test(command);
    if (background) {
      out.push(`{ ${command.replace(/&\s*$/, '')}\n} > "$__caw_tmp/bg${i}" 2>&1 &`, '__caw_rc=0',
        `__caw_quiet "$__caw_tmp/bg${i}"; cat "$__caw_tmp/bg${i}"`);
    } else {
      out.push(`{ ${command}\n} 2>&1`, '__caw_rc=$?');
    }
  });
  out.push(`printf '%s\\n' '${MARK}'`, 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$__caw_tmp"');
  return out.join('\n') + '\n';
}

/** Runs a session; resolves to the output of each command, as lines. */
export function runSession(steps, { timeout = 60_000 } = {}) {
  const env = { ...process.env, NO_COLOR: '1', TERM: 'dumb' };
  for (const k of Object.keys(env)) if (k.startsWith('COURIER_') || k === 'FORCE_COLOR') delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc'], { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`session timed out after ${timeout} ms`)); }, timeout);
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      const parts = stdout.split(`${MARK}\n`);
      if (parts.length !== steps.length + 2) {
        reject(new Error(`the session did not run to its end (${parts.length - 2} of ${steps.length} commands)\n${stderr}`));
        return;
      }
      resolve(parts.slice(1, -1).map((chunk) => (chunk === '' ? [] : chunk.replace(/\n$/, '').split('\n'))));
    });
    child.stdin.end(script(steps));
  });
}

/** The session block's text as recorded, or with `outputs` in place of the recorded output. */
export function sessionText(steps, outputs = steps.map((s) => s.output)) {
  return steps.map((s, i) => [`$ ${s.command}`, ...outputs[i]].join('\n')).join('\n');
}

async function main(argv) {
  const write = argv.includes('--write');
  const files = argv.filter((a) => a !== '--write');
  const sessions = collectSessions(files.length ? files.map((f) => relative(repoRoot, join(process.cwd(), f))) : undefined);
  const rewrites = new Map();
  let differ = 0;
  for (const s of sessions) {
    const outputs = await runSession(s.steps);
    const recorded = sessionText(s.steps);
    const actual = sessionText(s.steps, outputs);
    if (recorded === actual) continue;
    differ++;
    if (write) {
      if (!rewrites.has(s.file)) rewrites.set(s.file, []);
      rewrites.get(s.file).push({ s, actual });
    } else {
      process.stdout.write(`${s.file}:${s.line}: the session differs\n--- recorded\n${recorded}\n+++ actual\n${actual}\n\n`);
    }
  }
  for (const [file, edits] of rewrites) {
    const text = readFileSync(join(repoRoot, file), 'utf8').split('\n');
    // Last block first, so the line numbers of the earlier ones still hold.
    for (const { s, actual } of edits.sort((a, b) => b.s.start - a.s.start)) {
      text.splice(s.start, s.end - s.start, ...actual.split('\n'));
    }
    writeFileSync(join(repoRoot, file), text.join('\n'));
  }
  const verb = write ? 'rewritten' : 'differ';
  process.stdout.write(`${sessions.length} sessions, ${differ} ${verb}\n`);
  return write || differ === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
