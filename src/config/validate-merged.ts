// Validates the merged document (after profile, --set and interpolation), reporting each problem
// where the offending value was written: a line of the file or the --set flag.
import type * as z from 'zod';
import { ErrorCode } from '../errors/codes.js';
import type { ConfigProblems } from './config-problems.js';
import type { BuilderSpec, ImageSpec, SettingsSpec } from './config-schema.js';
import { buildersSchema, imageSpecSchema, settingsSchema } from './config-schema.js';
import type { ConfigPath } from './config-source.js';
import type { MergedDocument, OriginMap } from './merge-document.js';
import { checkSchema } from './schema-issues.js';

export interface ValidatedDocument {
  settings: SettingsSpec;
  builders: Record<string, BuilderSpec>;
  /** Images that are valid and fully interpolated; the others have been reported. */
  images: Map<string, ImageSpec>;
}

export function validateMerged(
  document: MergedDocument,
  failedPaths: readonly ConfigPath[],
  origins: OriginMap,
  problems: ConfigProblems,
): ValidatedDocument {
  const isFailed = (path: ConfigPath): boolean => failedPaths.some((failed) => startsWith(path, failed));
  const check = <T extends z.ZodType>(schema: T, data: unknown, at: ConfigPath): z.output<T> | undefined => {
    const result = checkSchema(schema, data);
    if (result.success) return isFailed(at) ? undefined : result.data;
    for (const issue of result.issues) {
      const path = [...at, ...issue.path];
      if (!isFailed(path)) problems.add(ErrorCode.ConfigInvalid, origins.find(path), issue.message);
    }
    return undefined;
  };
  const images = new Map<string, ImageSpec>();
  for (const [name, spec] of Object.entries(document.images)) {
    const parsed = check(imageSpecSchema, spec, ['images', name]);
    if (parsed !== undefined) images.set(name, parsed);
  }
  return {
    settings: check(settingsSchema, document.settings, ['settings']) ?? {},
    builders: check(buildersSchema, document.builders, ['builders']) ?? {},
    images,
  };
}

function startsWith(path: ConfigPath, prefix: ConfigPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => segment === path[index]);
}
