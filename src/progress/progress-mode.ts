// Decides how progress is shown and whether it is coloured, from the stream and the environment only,
// so the CLI's `--progress auto` and the library behave the same and tests need no real terminal.

export type ProgressMode = 'tty' | 'plain' | 'quiet';

export type Environment = Record<string, string | undefined>;

/** `auto` means a live display on an interactive terminal, line-oriented output everywhere else. */
export function resolveProgressMode(
  requested: 'auto' | ProgressMode,
  stream: { isTTY?: boolean },
  env: Environment,
): ProgressMode {
  if (requested !== 'auto') return requested;
  const interactive = stream.isTTY === true && !isCi(env) && env['TERM'] !== 'dumb';
  return interactive ? 'tty' : 'plain';
}

/**
 * NO_COLOR (any non-empty value, https://no-color.org) always wins; then FORCE_COLOR (`0`/`false`
 * disable, anything else enables, even when piped); otherwise colour only on a terminal that is not dumb.
 */
export function colorEnabled(stream: { isTTY?: boolean }, env: Environment): boolean {
  if ((env['NO_COLOR'] ?? '') !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

/** CI systems set CI=true (GitHub, GitLab) or CI=1; a live display there only garbles the log. */
function isCi(env: Environment): boolean {
  const value = (env['CI'] ?? '').toLowerCase();
  return value !== '' && value !== 'false' && value !== '0';
}
