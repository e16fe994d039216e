/**
 * What every runtime test runs against the installed package, in Node, Deno, Chromium and
 * workerd alike: the same calls on every entry, the same JSON-able result. Adding a call of
 * the public API to every runtime test is one line here (plus its assertion in
 * tests/runtime/expect.js). The caller imports the entries for its runtime and runs init().
 * @param {{ main: any, dryRun: any, client: any }} entries the `.`, `./dry-run` and `./client` entries
 * @param {string} seed the seed example as JSON text
 */
export async function probe({ main, dryRun, client }, seed) {
  const invalid = '{"recipient":"u","automation":{"steps":[{"action":"delay","duration":"PT5M"}]}}';
  return {
    main: {
      exports: Object.keys(main).sort(),
      version: main.version(),
      validate: main.validate(seed, { level: 'courier' }),
      invalid: main.validate(invalid),
      invalidBytes: main.validate(new TextEncoder().encode(invalid), { level: 'courier' }),
    },
    dryRun: {
      exports: Object.keys(dryRun).sort(),
      sharesValidate: dryRun.validate === main.validate && dryRun.ValidationError === main.ValidationError,
      normalized: dryRun.normalize(seed),
      runs: (await dryRun.dryRun(JSON.parse(seed), { now: '2024-04-01T00:00:00Z' })).runs.length,
    },
    client: {
      exports: Object.keys(client).sort(),
      // One ValidationError to instanceof, whichever entry made it.
      sameError: new client.ValidationError({ valid: false, errors: [], warnings: [] }) instanceof main.ValidationError,
    },
  };
}
