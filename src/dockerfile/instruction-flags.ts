// Reads the flags of a parsed instruction (`--from=build`, `--mount=type=cache,target=/x`) back
// into names, values and mount options, for stage analysis and BuildKit-only syntax detection.

export interface InstructionFlag {
  /** Without the leading dashes, lower-cased: `mount`. */
  name: string;
  /** Text after `=`; undefined for a bare `--link`. */
  value?: string;
}

export function parseFlag(flag: string): InstructionFlag {
  const match = /^--([^=]*)(?:=([\s\S]*))?$/.exec(flag);
  const name = (match?.[1] ?? flag).toLowerCase();
  const value = match?.[2];
  return value === undefined ? { name } : { name, value };
}

/** `type=cache,target=/x,from=build` -> {type: 'cache', target: '/x', from: 'build'}. */
export function parseMountOptions(value: string): Record<string, string> {
  const options: Record<string, string> = {};
  for (const field of value.split(',')) {
    const equals = field.indexOf('=');
    const key = (equals < 0 ? field : field.slice(0, equals)).trim().toLowerCase();
    if (key) options[key] = equals < 0 ? 'true' : field.slice(equals + 1).trim();
  }
  return options;
}

/** `RUN --mount` without `type=` binds, as in BuildKit. */
export function mountType(value: string): string {
  return (parseMountOptions(value).type ?? 'bind').toLowerCase();
}
