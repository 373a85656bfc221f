// Small helpers for the plain JSON-like data YAML produces, shared by merge, --set and interpolation.

export type PlainMap = Record<string, unknown>;

export function isPlainMap(value: unknown): value is PlainMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy without null map values (an empty YAML value means "not set"); entries of `images:`-like
 * maps (where `name:` alone is meaningful) become `{}` instead. */
export function withoutNulls(
  value: unknown,
  keepEmptyEntries: (path: string[]) => boolean,
  at: string[] = [],
): unknown {
  if (Array.isArray(value))
    return value.map((item, index) => withoutNulls(item, keepEmptyEntries, [...at, String(index)]));
  if (!isPlainMap(value)) return value;
  const copy: PlainMap = {};
  for (const [key, item] of Object.entries(value)) {
    const path = [...at, key];
    if (item === null || item === undefined) {
      if (keepEmptyEntries(path)) copy[key] = {};
    } else {
      copy[key] = withoutNulls(item, keepEmptyEntries, path);
    }
  }
  return copy;
}

/** The value at `path`, or undefined. */
export function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isPlainMap(current)) current = current[String(segment)];
    else return undefined;
  }
  return current;
}

export function cloneData<T>(value: T): T {
  return structuredClone(value);
}
