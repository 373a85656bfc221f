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

const VARIABLE_HINT =
  'define the variable under `variables:`, export it, or give a default with `${NAME:-default}`';

interface InterpolationState {
  variables: Record<string, string>;
  /** Variables that failed to resolve: uses of them are not reported a second time. */
  failed: Set<string>;
  failedPaths: ConfigPath[];
  lookup: (name: string) => string | undefined;
  origins: OriginMap;
  problems: ConfigProblems;
}

export function interpolateDocument(
  document: MergedDocument,
  env: Record<string, string | undefined>,
  origins: OriginMap,
  problems: ConfigProblems,
): InterpolationOutcome {
  const variables: Record<string, string> = {};
  const state: InterpolationState = {
    variables,
    failed: new Set(),
    failedPaths: [],
    lookup: (name) => variables[name] ?? env[name],
    origins,
    problems,
  };
  resolveVariables(document, state);
  document.settings = interpolateValue(document.settings, ['settings'], state) as MergedDocument['settings'];
  document.images = interpolateValue(document.images, ['images'], state) as MergedDocument['images'];
  document.builders = interpolateValue(document.builders, ['builders'], state) as MergedDocument['builders'];
  return { variables, failedPaths: state.failedPaths };
}

/** Variables resolve in file order; each sees only earlier variables, then the environment. */
function resolveVariables(document: MergedDocument, state: InterpolationState): void {
  const names = Object.keys(document.variables);
  names.forEach((name, index) => {
    const raw = document.variables[name];
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return;
    const result = interpolate(String(raw), state.lookup, state.failed);
    if (result.ok) {
      state.variables[name] = result.value;
      document.variables[name] = result.value;
      return;
    }
    state.failed.add(name);
    state.failedPaths.push(['variables', name]);
    if (result.message === undefined) return;
    const later = names.slice(index + 1).find((other) => result.message?.includes(`\`${other}\``));
    const advice =
      later === undefined ? '' : ` (\`${later}\` is defined later; variables may only use earlier ones)`;
    state.problems.add(
      ErrorCode.ConfigVariable,
      state.origins.find(['variables', name]),
      result.message + advice,
      VARIABLE_HINT,
    );
  });
}

/** `images.<name>.cache.ref` is a template expanded per build: its own placeholders stay as written. */
const CACHE_REF_PLACEHOLDERS = /\$\{(registry|image|branch|target)\}/g;

function isCacheRef(path: ConfigPath): boolean {
  return path.length === 4 && path[0] === 'images' && path[2] === 'cache' && path[3] === 'ref';
}

function interpolateValue(value: unknown, path: ConfigPath, state: InterpolationState): unknown {
  if (typeof value === 'string') {
    const template = isCacheRef(path) ? value.replace(CACHE_REF_PLACEHOLDERS, '$$$${$1}') : value;
    const result = interpolate(template, state.lookup, state.failed);
    if (result.ok) return result.value;
    state.failedPaths.push(path);
    if (result.message !== undefined) {
      state.problems.add(ErrorCode.ConfigVariable, state.origins.find(path), result.message, VARIABLE_HINT);
    }
    return value;
  }
  if (Array.isArray(value))
    return value.map((item, index) => interpolateValue(item, [...path, index], state));
  if (isPlainMap(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateValue(item, [...path, key], state)]),
    );
  }
  return value;
}
