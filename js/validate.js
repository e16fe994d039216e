import { instance, objectTooDeepReport, stringify } from './runtime.js';

const LEVELS = { schema: 0, courier: 1 };
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** The input buffer in wasm memory, reused across calls (the module grows it when needed). */
let bufferPtr = 0;
let bufferSize = 0;
let bufferOwner = null;

function inputBuffer(wasm, size) {
  if (bufferOwner !== wasm || size > bufferSize) {
    const ptr = wasm._caw_input_buffer(Math.max(size, 1));
    if (!ptr) throw new RangeError(`courier-automations-wasm: cannot allocate ${size} bytes for the payload`);
    bufferPtr = ptr;
    bufferSize = Math.max(size, 1);
    bufferOwner = wasm;
  }
  return bufferPtr;
}

/**
 * Validates an ad hoc invoke body (POST /automations/invoke).
 * @param {unknown} payload a JS object, JSON text, or UTF-8 bytes (Uint8Array / ArrayBuffer)
 * @param {{ level?: 'courier' | 'schema' }} [options]
 * @returns {import('./index.js').Report} `{ valid, errors, warnings }`; problems carry line and
 *   column for text and bytes input, not for objects
 */
export function validate(payload, { level = 'courier' } = {}) {
  const levelCode = LEVELS[level];
  if (levelCode === undefined) throw new TypeError(`unknown validation level "${level}" (use "courier" or "schema")`);
  const wasm = instance();
  let size;
  let located = 1;
  if (payload instanceof Uint8Array || payload instanceof ArrayBuffer || ArrayBuffer.isView(payload)) {
    const bytes = payload instanceof Uint8Array ? payload
      : payload instanceof ArrayBuffer ? new Uint8Array(payload)
        : new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
    size = bytes.length;
    const ptr = inputBuffer(wasm, size);
    wasm.HEAPU8.set(bytes, ptr);
  } else {
    let text = payload;
    if (typeof payload !== 'string') {
      text = stringify(payload);
      if (text === null) return objectTooDeepReport();
      if (text === undefined) throw new TypeError('payload must be a JSON value, JSON text or bytes');
      located = 0;
    }
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const ptr = inputBuffer(wasm, text.length * 3);
    size = encoder.encodeInto(text, wasm.HEAPU8.subarray(ptr, ptr + text.length * 3)).written;
  }
  const length = wasm._caw_validate(size, levelCode, located);
  if (length === 0) return { valid: true, errors: [], warnings: [] };
  // Memory may have grown during the call: read HEAPU8 afresh.
  const at = wasm._caw_result();
  return JSON.parse(decoder.decode(wasm.HEAPU8.subarray(at, at + length)));
}
