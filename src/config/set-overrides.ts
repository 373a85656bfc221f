// `--set images.controller.args.VERSION=2`: command-line edits applied to the merged document
// before interpolation and validation, so they obey the same rules as the file.
import { parse as parseYaml } from 'yaml';
import { ErrorCode } from '../errors/codes.js';
import type { ConfigProblems } from './config-problems.js';
import { didYouMean } from '../shared/did-you-mean.js';
import type { MergedDocument, OriginMap } from './merge-document.js';
import type { PlainMap } from './plain-data.js';
import { cloneData, isPlainMap } from './plain-data.js';
import { displaySetFlag } from './secret-like-name.js';

const SECTIONS = ['variables', 'settings', 'images', 'defaults'];
const HINT =
  'write --set <path>=<value>, e.g. --set images.controller.args.VERSION=2 or --set settings.parallel=2';

export interface SetOverride {
  flag: string;
  path: string[];
  value: unknown;
}

/** Parses `path=value`; the value is read as YAML (`true`, `3`, `[a, b]`), anything else is a string. */
export function parseSetFlag(
  flag: string,
): { ok: true; override: SetOverride } | { ok: false; message: string } {
  const equals = flag.indexOf('=');
  if (equals < 0) return { ok: false, message: 'missing `=`' };
  const pathText = flag.slice(0, equals).trim();
  const path = pathText.split('.');
  if (pathText === '' || path.some((segment) => segment === '')) return { ok: false, message: 'empty path' };
  const text = flag.slice(equals + 1);
  try {
    const parsed: unknown = parseYaml(text);
    // Keep `0123` and `2.40` as written, as in the file.
    const value = typeof parsed === 'number' && String(parsed) !== text.trim() ? text : parsed;
    return { ok: true, override: { flag, path, value } };
  } catch {
    if (/^\s*[[{]/.test(text))
      return { ok: false, message: 'value is not valid YAML (quote items containing `${`)' };
    return { ok: true, override: { flag, path, value: text } };
  }
}

/** Applies every flag to `document`, reporting malformed flags and unknown images as ConfigOverride. */
export function applySetFlags(
  document: MergedDocument,
  flags: readonly string[],
  origins: OriginMap,
  problems: ConfigProblems,
): void {
  for (const written of flags) {
    const parsed = parseSetFlag(written);
    // Messages and details name the flag; a secret's value must not travel with it.
    const flag = displaySetFlag(written);
    if (!parsed.ok) {
      problems.add(ErrorCode.ConfigOverride, { kind: 'flag', flag, path: [] }, parsed.message, HINT);
      continue;
    }
    const targets = resolveTargets(document, parsed.override.path);
    if (typeof targets === 'string') {
      problems.add(ErrorCode.ConfigOverride, { kind: 'flag', flag, path: [] }, targets, HINT);
      continue;
    }
    for (const target of targets) {
      const created = setAt(document as unknown as PlainMap, target, parsed.override.value);
      // A map the flag had to create (`tags.0` where no `tags` was written) is the flag's doing too.
      if (created !== undefined) origins.record(created, {}, { kind: 'flag', flag, path: created });
      origins.record(target, parsed.override.value, { kind: 'flag', flag, path: parsed.override.path });
    }
  }
}

/** The document paths a flag path writes to, or a message saying why it cannot. */
function resolveTargets(document: MergedDocument, path: string[]): string[][] | string {
  const [section, ...rest] = path;
  if (section === undefined || !SECTIONS.includes(section)) {
    return `unknown section \`${section}\`${didYouMean(section ?? '', SECTIONS)}; use ${SECTIONS.map((name) => `\`${name}.\``).join(', ')}`;
  }
  if (rest.length === 0) return `name a field inside \`${section}\``;
  const names = Object.keys(document.images);
  if (section === 'defaults') return names.map((name) => ['images', name, ...rest]);
  if (section !== 'images') return [[section, ...rest]];
  // Image names may contain dots: take the longest image name the path starts with.
  const joined = rest.join('.');
  const name = names
    .filter((candidate) => joined.startsWith(`${candidate}.`))
    .sort((a, b) => b.length - a.length)[0];
  if (name === undefined) {
    const guess = rest[0] ?? '';
    return names.includes(joined)
      ? `name a field of image \`${joined}\`, e.g. images.${joined}.target=...`
      : `unknown image \`${guess}\`${didYouMean(guess, names)}`;
  }
  return [['images', name, ...joined.slice(name.length + 1).split('.')]];
}

/** Writes `value` at `path`; returns the path of the first map it had to create, if any. */
function setAt(root: PlainMap, path: string[], value: unknown): string[] | undefined {
  let current: unknown = root;
  let created: string[] | undefined;
  path.forEach((segment, index) => {
    const last = index === path.length - 1;
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      if (last) current[Number(segment)] = cloneData(value);
      else current = current[Number(segment)] ??= {};
      return;
    }
    if (!isPlainMap(current)) return;
    if (last) {
      if (value === null) delete current[segment];
      else current[segment] = cloneData(value);
      return;
    }
    if (!isPlainMap(current[segment]) && !Array.isArray(current[segment])) {
      current[segment] = {};
      created ??= path.slice(0, index + 1);
    }
    current = current[segment];
  });
  return created;
}
