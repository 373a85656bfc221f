// Structural validation of imageforge.yaml as written, before anything is merged: every key of every
// section and profile is checked here, so each problem points at its exact line. Values that still
// contain `${…}` are judged later, after interpolation.
import { ErrorCode } from '../errors/codes.js';
import type { ConfigProblems } from './config-problems.js';
import { configFileSchema } from './config-schema.js';
import type { ConfigSource } from './config-source.js';
import { didYouMean } from '../shared/did-you-mean.js';

import type { PlainMap } from './plain-data.js';
import { isPlainMap, valueAt, withoutNulls } from './plain-data.js';
import { checkSchema } from './schema-issues.js';

/** `images: {base: }` and `profiles: {ci: }` mean "an entry with nothing overridden". */
function isEntryPosition(path: string[]): boolean {
  const [section, , nested] = path;
  if (path.length === 2) return section === 'images' || section === 'profiles';
  return path.length === 4 && section === 'profiles' && nested === 'images';
}

/** Returns the file's data (nulls removed) for merging; problems are added to `problems`. */
export function validateFile(source: ConfigSource, problems: ConfigProblems): PlainMap {
  if (source.data === null || source.data === undefined) {
    problems.add(
      ErrorCode.ConfigInvalid,
      [],
      'the file is empty; start it with `version: 1` and an `images:` map',
    );
    return {};
  }
  if (!isPlainMap(source.data)) {
    const found = Array.isArray(source.data) ? 'a list' : `a ${typeof source.data}`;
    problems.add(
      ErrorCode.ConfigInvalid,
      [],
      `expected a mapping with \`version:\` and \`images:\` at the top level, found ${found}`,
    );
    return {};
  }
  // `x-…` top-level keys hold YAML anchors for reuse, as in Compose files; they are not config.
  const written = Object.fromEntries(Object.entries(source.data).filter(([key]) => !key.startsWith('x-')));
  const data = withoutNulls(written, isEntryPosition) as PlainMap;
  const result = checkSchema(configFileSchema, data);
  if (!result.success) {
    for (const issue of result.issues) {
      const value = valueAt(data, issue.path);
      if (!issue.unknownKey && typeof value === 'string' && value.includes('${')) continue;
      problems.add(ErrorCode.ConfigInvalid, issue.path, issue.message);
    }
  }
  checkProfileImages(data, problems);
  return data;
}

/** A profile may only override images the file defines. */
function checkProfileImages(data: PlainMap, problems: ConfigProblems): void {
  const images = isPlainMap(data.images) ? Object.keys(data.images) : [];
  const profiles = isPlainMap(data.profiles) ? data.profiles : {};
  for (const [profile, body] of Object.entries(profiles)) {
    const overridden = isPlainMap(body) && isPlainMap(body.images) ? Object.keys(body.images) : [];
    for (const name of overridden.filter((candidate) => !images.includes(candidate))) {
      problems.add(
        ErrorCode.ConfigUnknownImage,
        ['profiles', profile, 'images', name],
        `unknown image \`${name}\`${didYouMean(name, images)}; profiles can only override images defined under \`images:\``,
      );
    }
  }
}
