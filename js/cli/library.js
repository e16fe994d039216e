/**
 * The package itself, as the CLI and the emulator use it: the Node entry, loaded lazily so
 * that `--help` works without the .wasm, and so that a missing build is one clear line.
 */
import { CliError } from './errors.js';

/** @type {Promise<any> | null} */
let loading = null;

/** @returns {Promise<typeof import('../dry-run/node.js')>} the package's Node entry, initialized */
export function loadLibrary() {
  if (!loading) {
    loading = (async () => {
      let lib;
      try {
        lib = await import('../dry-run/node.js');
      } catch (err) {
        const e = /** @type {any} */ (err);
        if (e?.code === 'ERR_MODULE_NOT_FOUND' && /courier_automations\.mjs/.test(String(e.message))) {
          throw new CliError('the WebAssembly build is missing (dist/courier_automations.mjs): run `npm run build`');
        }
        throw err;
      }
      try {
        await lib.init();
      } catch (err) {
        throw new CliError(`could not load the WebAssembly module: ${/** @type {Error} */ (err).message}`);
      }
      return lib;
    })();
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/**
 * One export of the package, or a clear error when this build does not have it yet.
 * @param {any} lib @param {string} name
 */
export function requireExport(lib, name) {
  const value = lib[name];
  if (value === undefined) throw new CliError(`this build of courier-automations-wasm has no ${name}()`);
  return value;
}
