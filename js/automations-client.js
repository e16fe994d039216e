import { AutomationsClient as WasmFreeClient } from './client/index.js';
import { init } from './runtime.js';
import { validate } from './validate.js';

/**
 * The client as the main entry exports it: the package's wasm validator is plugged in, so an
 * ad hoc body is validated in full (courier level) before anything is sent. The wasm is loaded
 * on first use if init() has not run yet. `courier-automations-wasm/client` is the same client
 * without wasm.
 */
export class AutomationsClient extends WasmFreeClient {
  /** @param {ConstructorParameters<typeof WasmFreeClient>[0]} [options] */
  constructor(options = {}) {
    super({ validator: validateWithWasm, ...options });
  }
}

/** @param {unknown} body @param {{ level: 'schema' | 'courier' }} options */
async function validateWithWasm(body, options) {
  await init();
  return validate(body, options);
}
