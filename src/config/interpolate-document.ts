// Applies `${…}` interpolation to the merged document: variables are resolved first, in order (each
// may use earlier ones and the environment), then every other string; failures are reported at the
// line where the template was written.
import { ErrorCode } from '../errors/codes.js';
import type { ConfigPath } from './config-source.js';
import type { ConfigProblems } from './config-problems.js';
import { interpolate } from './interpolate.js';
import type { MergedDocument, OriginMap } from './merge-document.js';
import { isPlainMap } from './plain-data.js';

export interface InterpolationOutcome {
  variables: Record<string, string>;
  /** Document paths whose value could not be interpolated (already reported). */
  failedPaths: ConfigPath[];
}

const VARIABLE_HINT = 'define the variable under `variables:`, export it, or give a default with `${NAME:-default}`';

export function interpolateDocument(
  document: MergedDocument,
  env: Record<string, string | undefined>,
  origins: OriginMap,
  problems: ConfigProblems,
): InterpolationOutcome {
  const variables: Record<string, string> = {};
  const failed = new Set<string>();
  const failedPaths: ConfigPath[] = [];
  const pending = Object.keys(document.variables);
  const lookup = (name: string): string | undefined => variables[name] ?? env[name];

  for (const [name, raw] of Object.entries(document.variables)) {
    pending.shift();
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') continue;
    const result = interpolate(String(raw), lookup, failed);
    if (result.ok) {
      variables[name] = result.value;
      document.variables[name] = result.value;
      continue;
    }
    failed.add(name);
    failedPaths.push(['variables', name]);
    if (result.message === undefined) continue;
    const later = pending.find((other) => result.message?.includes(`\`${other}\``));
    const advice = later === undefined ? '' : ` (\`${later}\` is defined later; variables may only use earlier ones)`;
    problems.add(ErrorCode.ConfigVariable, origins.find(['variables', name]), result.message + advice, VARIABLE_HINT);
  }

  const visit = (value: unknown, path: ConfigPath): unknown => {
    if (typeof value === 'string') {
      const result = interpolate(value, lookup, failed);
      if (result.ok) return result.value;
      failedPaths.push(path);
      if (result.message !== undefined) {
        problems.add(ErrorCode.ConfigVariable, origins.find(path), result.message, VARIABLE_HINT);
      }
      return value;
    }
    if (Array.isArray(value)) return value.map((item, index) => visit(item, [...path, index]));
    if (isPlainMap(value)) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visit(item, [...path, key])]));
    }
    return value;
  };
  document.settings = visit(document.settings, ['settings']) as MergedDocument['settings'];
  document.images = visit(document.images, ['images']) as MergedDocument['images'];
  return { variables, failedPaths };
}
