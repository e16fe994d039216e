/**
 * The API only `./dry-run` has, identical in every runtime: normalize, dryRun, dryRunSync,
 * Simulator (over the Embind module). Runtime entries (dry-run/node.js, ...) add init and the
 * main entry's validate, version and errors, imported from that runtime's main entry.
 */
export { normalize } from './normalize.js';
export { dryRun, dryRunSync, Simulator } from './simulate.js';
