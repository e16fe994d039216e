/**
 * What a JSON input looks like, to tell the user when a file went to the wrong command or
 * option: an invoke body, a dry-run scenario ({ invocations }) or a fixtures file
 * ({ profiles, lists, templates, webhooks }). The core decides validity; this only guesses.
 */

const FIXTURE_KINDS = ['profiles', 'lists', 'templates', 'webhooks'];

/**
 * @param {Buffer | Uint8Array} bytes
 * @returns {'scenario' | 'fixtures' | 'body' | null} null when the text is not a JSON object
 */
export function inputKind(bytes) {
  let value;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return null; // malformed: the validator locates the syntax error
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  if ('invocations' in value) return 'scenario';
  if (!('automation' in value) && Object.keys(value).some((k) => FIXTURE_KINDS.includes(k))) return 'fixtures';
  return 'body';
}

/**
 * The hint for a file given where another kind is expected, or null when it fits.
 * @param {string} name the file as the user wrote it
 * @param {ReturnType<typeof inputKind>} kind
 * @param {'body' | 'scenario' | 'fixtures'} expected what the command or option takes
 * @returns {string | null}
 */
export function kindHint(name, kind, expected) {
  if (kind === null || kind === expected) return null;
  // dry-run takes a bare body as a scenario of one invocation.
  if (expected === 'scenario' && kind === 'body') return null;
  if (kind === 'scenario') {
    return expected === 'fixtures'
      ? `${name} looks like a dry-run scenario (it has "invocations"), not fixtures: give it as the file to dry-run, not with --fixtures`
      : `${name} looks like a dry-run scenario (it has "invocations"), not an invoke body: use courier-automations dry-run ${name}`;
  }
  if (kind === 'fixtures') {
    return `${name} looks like a fixtures file ({ profiles, lists, templates, webhooks }), not ${expected === 'body' ? 'an invoke body' : 'a scenario'}: pass it to dry-run (or serve) with --fixtures`;
  }
  return expected === 'fixtures' ? `${name} looks like an invoke body, not fixtures: give it as the file to dry-run, not with --fixtures` : null;
}
