// The wording shared by every check message: limits ("30s"), elapsed times ("0.4s"), patterns and
// excerpts of output, so each message says what was expected, what came and after how long.
import { formatDuration } from '../../report/human-format.js';

/** A configured limit as written: `500ms`, `2s`, `1.5s`, `5m`. */
export function formatLimit(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`;
  if (ms < 1000) return `${ms}ms`;
  return `${(ms / 1000).toFixed(1)}s`;
}

/** Time that passed: `0.4s`, `12.3s`, `2m05s`. */
export function formatElapsed(ms: number): string {
  return formatDuration(ms);
}

/** A regular expression as users write it in messages: `/Jenkins is fully up/`. */
export function formatPattern(pattern: string): string {
  return `/${pattern}/`;
}

/** A quoted, single-line excerpt of output: at most `max` characters, the end kept. */
export function excerpt(text: string, max = 200): string {
  const flat = text.trim().replace(/\s*\n\s*/g, ' ⏎ ');
  return JSON.stringify(flat.length > max ? `…${flat.slice(flat.length - max)}` : flat);
}

/** A quoted, single-line excerpt of the start of a text (bodies, file contents). */
export function excerptStart(text: string, max = 120): string {
  const flat = text.trim().replace(/\s*\n\s*/g, ' ⏎ ');
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The message of an error of any kind, without a stack. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message.trim() : String(error);
}
