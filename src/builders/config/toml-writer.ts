// The few TOML forms buildkitd.toml needs (strings, integers, booleans, string arrays, quoted
// table keys), written by hand because imageforge ships no TOML library at runtime.

export type TomlValue = string | number | boolean | string[];

/** A basic string: JSON's escapes are valid TOML; DEL must be escaped too. */
export function tomlString(value: string): string {
  return JSON.stringify(value).replace(/\u007f/g, '\\u007F');
}

/** Bare key when TOML allows one, else a quoted key (`registry."localhost:5000"`). */
export function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}

export function tomlValue(value: TomlValue): string {
  if (Array.isArray(value)) return `[${value.map(tomlString).join(', ')}]`;
  if (typeof value === 'string') return tomlString(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`TOML integer expected, got ${value}`);
    return String(value);
  }
  return value ? 'true' : 'false';
}

/** `key = value`, with an optional trailing comment. */
export function tomlLine(key: string, value: TomlValue, comment?: string): string {
  const line = `${tomlKey(key)} = ${tomlValue(value)}`;
  return comment ? `${line} # ${comment}` : line;
}

export function tomlTable(path: string[]): string {
  return `[${path.map(tomlKey).join('.')}]`;
}

export function tomlArrayTable(path: string[]): string {
  return `[[${path.map(tomlKey).join('.')}]]`;
}
