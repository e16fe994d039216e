/**
 * Reading the command's input: a file, or standard input for `-` (or no argument when stdin
 * is not a terminal). Every failure becomes a one-line CliError naming the file.
 */
import { readFile } from 'node:fs/promises';
import { CliError } from './errors.js';
import { loadLibrary } from './library.js';

/** Inputs larger than this are refused before parsing (the emulator's limit is smaller). */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * @param {string | undefined} file a path, '-' or undefined
 * @param {{ stdin?: NodeJS.ReadableStream & { isTTY?: boolean } }} [io]
 * @returns {Promise<{ name: string, bytes: Buffer }>} `name` is what messages call the input
 */
export async function readInput(file, io = {}) {
  const stdin = io.stdin ?? process.stdin;
  if (file === undefined || file === '-') {
    if (file === undefined && stdin.isTTY) {
      throw new CliError('no input: give a file, or - to read standard input');
    }
    return { name: '<stdin>', bytes: await readStream(stdin) };
  }
  return { name: file, bytes: await readFileOrFail(file) };
}

/** @param {string} file @returns {Promise<Buffer>} */
export async function readFileOrFail(file) {
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_INPUT_BYTES) throw new CliError(`${file}: larger than ${MAX_INPUT_BYTES} bytes`);
    return bytes;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${file}: ${describeFsError(err)}`);
  }
}

/**
 * JSON text of a file the CLI needs as a value (fixtures for serve, a by-template body),
 * parsed in JS; when it is malformed, the core says where and what, as for any problem.
 * @param {string} name @param {Buffer} bytes
 */
export async function parseJsonOrFail(name, bytes) {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    const [p] = (await loadLibrary()).validate(new Uint8Array(bytes), { level: 'schema' }).errors;
    const where = p?.line !== undefined ? `:${p.line}:${p.column}` : '';
    throw new CliError(`${name}${where}: not valid JSON (${p?.message ?? 'malformed'})`, 1);
  }
}

/** @param {any} err */
function describeFsError(err) {
  switch (err?.code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory, not a file';
    default: return err?.message ?? String(err);
  }
}

/** @param {NodeJS.ReadableStream} stream @returns {Promise<Buffer>} */
async function readStream(stream) {
  const chunks = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += b.length;
      if (size > MAX_INPUT_BYTES) throw new CliError(`<stdin>: larger than ${MAX_INPUT_BYTES} bytes`);
      chunks.push(b);
    }
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`<stdin>: ${describeFsError(err)}`);
  }
  return Buffer.concat(chunks);
}
