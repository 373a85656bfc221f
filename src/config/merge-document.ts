// Folds top-level defaults, each image, and the chosen profile into one document per the documented
// order (defaults → image → profile defaults → profile image; maps merge, lists and scalars replace),
// remembering where every value came from so later problems point at the right line.
import type { ConfigPath } from './config-source.js';
import type { Origin } from './config-problems.js';
import type { PlainMap } from './plain-data.js';
import { cloneData, isPlainMap } from './plain-data.js';

export interface MergedDocument {
  variables: PlainMap;
  settings: PlainMap;
  builders: PlainMap;
  images: Record<string, PlainMap>;
}

/** Maps each path of the merged document to where its value was written. */
export class OriginMap {
  private readonly origins = new Map<string, Origin>();

  record(path: ConfigPath, value: unknown, origin: Origin): void {
    this.origins.set(key(path), origin);
    const children = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : undefined;
    const entries = children ?? (isPlainMap(value) ? Object.entries(value) : []);
    for (const [key, item] of entries) {
      this.record([...path, key], item, extend(origin, key));
    }
  }

  /** The origin of `path`, from the nearest recorded ancestor when the path itself was not recorded. */
  find(path: ConfigPath): Origin {
    for (let length = path.length; length >= 0; length -= 1) {
      const origin = this.origins.get(key(path.slice(0, length)));
      if (origin !== undefined) return { ...origin, path: [...origin.path, ...path.slice(length)] };
    }
    return { kind: 'file', path };
  }
}

function extend(origin: Origin, segment: string | number): Origin {
  return { ...origin, path: [...origin.path, segment] };
}

/** `tags.0` from --set and `tags[0]` from zod are the same place. */
function key(path: ConfigPath): string {
  return JSON.stringify(path.map(String));
}

/** Merges `override` into `base` (both plain data), recording origins of what `override` wrote. */
export function mergeInto(
  base: unknown,
  override: unknown,
  at: ConfigPath,
  source: ConfigPath,
  origins: OriginMap,
): unknown {
  if (override === undefined) return base;
  if (isPlainMap(base) && isPlainMap(override)) {
    const merged: PlainMap = { ...base };
    for (const [key, value] of Object.entries(override)) {
      merged[key] = mergeInto(base[key], value, [...at, key], [...source, key], origins);
    }
    return merged;
  }
  origins.record(at, override, { kind: 'file', path: source });
  return cloneData(override);
}

/** The merged document for one profile (or none); `file` has already passed structural validation. */
export function mergeDocument(
  file: PlainMap,
  profileName: string | undefined,
): { document: MergedDocument; origins: OriginMap } {
  const origins = new OriginMap();
  const profile = profileName === undefined ? {} : asMap(asMap(file.profiles)[profileName]);
  const layer = (key: 'variables' | 'settings' | 'builders'): PlainMap => {
    const top = mergeInto({}, asMap(file[key]), [key], [key], origins);
    const profilePath = ['profiles', profileName ?? '', key];
    return asMap(mergeInto(top, profile[key], [key], profilePath, origins));
  };
  const images: Record<string, PlainMap> = {};
  for (const [name, spec] of Object.entries(asMap(file.images))) {
    const at = ['images', name];
    let merged = mergeInto({}, asMap(file.defaults), at, ['defaults'], origins);
    merged = mergeInto(merged, spec, at, at, origins);
    if (profileName !== undefined) {
      merged = mergeInto(merged, profile.defaults, at, ['profiles', profileName, 'defaults'], origins);
      merged = mergeInto(
        merged,
        asMap(profile.images)[name],
        at,
        ['profiles', profileName, 'images', name],
        origins,
      );
    }
    images[name] = asMap(merged);
  }
  return {
    document: {
      variables: layer('variables'),
      settings: layer('settings'),
      builders: layer('builders'),
      images,
    },
    origins,
  };
}

function asMap(value: unknown): PlainMap {
  return isPlainMap(value) ? value : {};
}
