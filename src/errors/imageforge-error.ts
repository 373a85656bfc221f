// Errors are data: every expected failure carries a stable code, a category that maps to an exit
// code in exactly one place (cli/exit-code.ts), and a hint telling the user what to do next.

/** What kind of failure this is; the CLI maps each to an exit code. */
export type ErrorCategory =
  | 'usage' // bad flags or arguments            -> exit 2
  | 'config' // invalid imageforge.yaml / Dockerfile -> exit 2
  | 'environment' // no daemon, no buildx, no builder  -> exit 3
  | 'build' // a build (or gate) failed           -> exit 1
  | 'cancelled' // interrupt or timeout of the run    -> exit 130
  | 'internal'; // a bug                             -> exit 70

export interface ImageforgeErrorOptions {
  code: string;
  category: ErrorCategory;
  hint?: string;
  cause?: unknown;
  /** Where the problem is, when it is in a file: shown as `file:line`. */
  location?: SourceLocation;
  /** Structured extra facts (never secrets). */
  details?: Record<string, unknown>;
}

export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  /** Dotted path inside a config file, e.g. `images.controller.target`. */
  path?: string;
}

export class ImageforgeError extends Error {
  readonly code: string;
  readonly category: ErrorCategory;
  readonly hint: string | undefined;
  readonly location: SourceLocation | undefined;
  readonly details: Record<string, unknown>;

  constructor(message: string, options: ImageforgeErrorOptions) {
    super(message, { cause: options.cause });
    this.name = 'ImageforgeError';
    this.code = options.code;
    this.category = options.category;
    this.hint = options.hint;
    this.location = options.location;
    this.details = options.details ?? {};
  }
}

/** Several problems found at once (e.g. every invalid field of a config file). */
export class AggregateImageforgeError extends ImageforgeError {
  readonly problems: ImageforgeError[];

  constructor(message: string, problems: ImageforgeError[], options: ImageforgeErrorOptions) {
    super(message, options);
    this.name = 'AggregateImageforgeError';
    this.problems = problems;
  }
}

export function isImageforgeError(error: unknown): error is ImageforgeError {
  return error instanceof ImageforgeError;
}

/** `file:line:column` for messages. */
export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
  return text;
}
