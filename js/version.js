/**
 * The package version (the client's identification header, version()). Kept in plain JS, not
 * read from package.json, because JSON imports need import attributes that not every bundler
 * and edge runtime accepts; tests/js/client/construct.test.js checks it against package.json.
 */
export const VERSION = '0.1.0';

/** The package version. */
export function version() {
  return VERSION;
}
