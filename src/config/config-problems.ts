// Collects every problem found in a config so the user sees them all at once, each as one line
// "file:line: dotted.path: what is wrong", and throws them as one AggregateImageforgeError.
import type { ErrorCodeValue } from '../errors/codes.js';
import { ErrorCode } from '../errors/codes.js';
import { AggregateImageforgeError, ImageforgeError } from '../errors/imageforge-error.js';
import type { ConfigPath, ConfigSource } from './config-source.js';
import { dottedPath } from './config-source.js';

/** Where a value in the merged config came from: a key in the file, or a `--set` flag. */
export type Origin = { kind: 'file'; path: ConfigPath } | { kind: 'flag'; flag: string; path: ConfigPath };

export const VALIDATE_HINT =
  'fix the lines above; `imageforge config validate` checks the file without building';

export class ConfigProblems {
  private readonly problems: ImageforgeError[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly source: ConfigSource) {}

  get count(): number {
    return this.problems.length;
  }

  /** `imageforge.yaml:42 (images.controller.scan.ignore.0)`: where a value was written, for messages. */
  place(at: Origin | ConfigPath): string {
    const origin: Origin = isOrigin(at) ? at : { kind: 'file', path: at };
    const dotted = dottedPath(origin.path);
    if (origin.kind === 'flag') return `--set ${origin.flag}`;
    const line = this.source.lineOf(origin.path);
    return `${this.source.displayName}${line === undefined ? '' : `:${line}`} (${dotted})`;
  }

  /** Records one problem; a path alone means a key in the file. Identical lines are reported once. */
  add(code: ErrorCodeValue, at: Origin | ConfigPath, text: string, hint?: string): void {
    const origin: Origin = isOrigin(at) ? at : { kind: 'file', path: at };
    const dotted = dottedPath(origin.path);
    const subject = dotted === '' ? '' : `${dotted}: `;
    const line = origin.kind === 'file' ? this.source.lineOf(origin.path) : undefined;
    const where =
      origin.kind === 'flag'
        ? `--set ${origin.flag}`
        : `${this.source.displayName}${line === undefined ? '' : `:${line}`}`;
    const message = `${where}: ${subject}${text}`;
    if (this.seen.has(message)) return;
    this.seen.add(message);
    this.problems.push(
      new ImageforgeError(message, {
        code,
        category: 'config',
        hint,
        location: { file: this.source.file, line, path: dotted },
        details: origin.kind === 'flag' ? { flag: origin.flag } : {},
      }),
    );
  }

  /** Throws everything collected so far as one error; does nothing when there is nothing. */
  throwIfAny(): void {
    if (this.problems.length === 0) return;
    // In file order; --set problems (no line) last. Array.prototype.sort is stable.
    this.problems.sort((a, b) => (a.location?.line ?? Infinity) - (b.location?.line ?? Infinity));
    const codes = new Set(this.problems.map((problem) => problem.code));
    const [onlyCode] = codes;
    const single = this.problems.length === 1 ? this.problems[0] : undefined;
    throw new AggregateImageforgeError(
      this.problems.map((problem) => problem.message).join('\n'),
      this.problems,
      {
        code: codes.size === 1 && onlyCode !== undefined ? onlyCode : ErrorCode.ConfigInvalid,
        category: 'config',
        hint: single?.hint ?? VALIDATE_HINT,
        location: this.problems[0]?.location,
      },
    );
  }
}

function isOrigin(at: Origin | ConfigPath): at is Origin {
  return !Array.isArray(at);
}
