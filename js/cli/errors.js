/**
 * What the CLI reports in one line and an exit code, never with a stack trace.
 */

/** Exit codes shared by every command. */
export const EXIT = Object.freeze({ OK: 0, FAILED: 1, USAGE: 2 });

/** A problem the user must fix in how they called the CLI, or a file that cannot be read. */
export class CliError extends Error {
  /** @param {string} message one line, naming the file when there is one @param {number} [exitCode] */
  constructor(message, exitCode = EXIT.USAGE) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
