/**
 * Hostile and malformed inputs for the reliability tests: the fuzz corpora, every fixture,
 * seeded mutations of them, and random bytes. Deterministic (a fixed-seed PRNG), so a failure
 * names an input that the next run sees again.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p)); else out.push(p);
  }
  return out;
}

/** xorshift32: the same sequence on every run. */
export function prng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 0x100000000;
  };
}

const TOKENS = ['{', '}', '[', ']', ',', ':', '"', '\\', '\\u', '\\ud800', '\\udc00', '\\u0000', 'null', 'true',
  '1e400', '-0', '18446744073709551616', '"__proto__"', '"constructor"', '"prototype"', '"action"', '"steps"',
  '"if"', '"delay"', '"invoke"', '"fetch-data"', '"cancel"', '\u0000', '\uFEFF', '\xff', '[[[[[[[[', '{"a":{"a":'];
const enc = new TextEncoder();

/** One mutation of `bytes`: flip, insert, delete, truncate, duplicate a slice, or splice a token. */
function mutate(bytes, rand) {
  const b = Array.from(bytes);
  const at = () => Math.floor(rand() * (b.length + 1));
  switch (Math.floor(rand() * 7)) {
    case 0: if (b.length) b[Math.floor(rand() * b.length)] ^= 1 << Math.floor(rand() * 8); break;
    case 1: b.splice(at(), 0, Math.floor(rand() * 256)); break;
    case 2: b.splice(at(), 1 + Math.floor(rand() * 8)); break;
    case 3: b.length = at(); break;
    case 4: { const i = at(); const n = Math.floor(rand() * 32); b.splice(at(), 0, ...b.slice(i, i + n)); break; }
    default: b.splice(at(), 0, ...enc.encode(TOKENS[Math.floor(rand() * TOKENS.length)]));
  }
  return Uint8Array.from(b);
}

/**
 * @param {{ mutations?: number, random?: number, seed?: number }} [counts]
 * @returns {{ name: string, bytes: Uint8Array }[]}
 */
export function hostileInputs({ mutations = 3000, random = 1000, seed = 0xC0FFEE } = {}) {
  const out = [];
  const seeds = [];
  for (const dir of ['tests/fuzz/corpus', 'tests/fixtures']) {
    for (const file of filesUnder(join(root, '..', dir))) {
      const bytes = new Uint8Array(readFileSync(file));
      const name = file.slice(root.length - 'tests/'.length);
      out.push({ name, bytes });
      // The simulator corpus starts with an options byte: also try the scenario alone.
      if (file.includes('corpus/simulator/') && bytes.length > 0) out.push({ name: `${name} (no knob byte)`, bytes: bytes.subarray(1) });
      if (bytes.length < 64 * 1024) seeds.push(bytes);
    }
  }
  const rand = prng(seed);
  for (let i = 0; i < mutations; ++i) {
    let bytes = seeds[Math.floor(rand() * seeds.length)];
    const rounds = 1 + Math.floor(rand() * 4);
    for (let r = 0; r < rounds; ++r) bytes = mutate(bytes, rand);
    out.push({ name: `mutation #${i}`, bytes });
  }
  for (let i = 0; i < random; ++i) {
    const bytes = new Uint8Array(Math.floor(rand() * 512));
    for (let j = 0; j < bytes.length; ++j) bytes[j] = Math.floor(rand() * 256);
    // Half of them look a little like JSON, to get past the first byte.
    if (i % 2 === 0 && bytes.length) bytes[0] = 0x7b;
    out.push({ name: `random #${i}`, bytes });
  }
  return out;
}

/** An n-deep array, as text. */
export function deepArray(n) {
  return '['.repeat(n) + ']'.repeat(n);
}
