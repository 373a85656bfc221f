// Reads imageforge.yaml and keeps its YAML tree, so every later problem can be reported with the
// file and line of the key it concerns.
import path from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node, YAMLError } from 'yaml';
import { ErrorCode } from '../errors/codes.js';
import { AggregateImageforgeError, ImageforgeError } from '../errors/imageforge-error.js';
import { findLimitProblem, MAX_DEPTH, type LimitProblem } from './document-limits.js';
import { readConfigText } from './read-config-text.js';

/** A path inside the config document, e.g. `['images', 'controller', 'tags', 0]`. */
export type ConfigPath = readonly (string | number)[];

export interface ConfigSource {
  /** Absolute path. */
  file: string;
  /** How the file is named in messages (relative to cwd when inside it). */
  displayName: string;
  /** The plain data, numbers that YAML would round (`2.40`, `0123`) kept as written. */
  data: unknown;
  /** Line (1-based) of the key at `path`, or of its nearest existing ancestor. */
  lineOf(path: ConfigPath): number | undefined;
  warnings: string[];
}

export function dottedPath(configPath: ConfigPath): string {
  return configPath.map(String).join('.');
}

/** Reads and parses the config file; throws ConfigNotFound / ConfigSyntax / ConfigInvalid (limits). */
export async function readConfigSource(file: string, cwd: string): Promise<ConfigSource> {
  const relative = path.relative(cwd, file);
  const displayName = relative !== '' && !relative.startsWith('..') ? relative : file;
  const text = await readConfigText(file, displayName);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, merge: true, prettyErrors: true });
  if (document.errors.length > 0) throw syntaxError(document, text, file, displayName);
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  const limit = findLimitProblem(document);
  if (limit !== undefined) throw limitError(limit, file, displayName, lineAt);
  keepNumbersAsWritten(document);
  return {
    file,
    displayName,
    data: toPlainData(document, file, displayName),
    lineOf: (configPath) => findLine(document, configPath, lineAt),
    warnings: document.warnings.map((warning) => `${displayName}: ${firstLine(warning.message)}`),
  };
}

function syntaxError(
  document: Document,
  text: string,
  file: string,
  displayName: string,
): AggregateImageforgeError {
  // After the first syntax error a parser mostly reports its own confusion: show the first only.
  const problems = document.errors.slice(0, 1).map((error) => {
    const position = error.linePos?.[0];
    const where = position === undefined ? displayName : `${displayName}:${position.line}:${position.col}`;
    return new ImageforgeError(`${where}: ${describeSyntaxError(error, text)}`, {
      code: ErrorCode.ConfigSyntax,
      category: 'config',
      location: { file, line: position?.line, column: position?.col },
    });
  });
  return new AggregateImageforgeError(problems.map((problem) => problem.message).join('\n'), problems, {
    code: ErrorCode.ConfigSyntax,
    category: 'config',
    hint: 'fix the YAML syntax at the position shown (a value starting with `{`, `[`, `*`, `&` or containing `: ` needs quotes)',
    location: problems[0]?.location,
  });
}

/** Names the key of a duplicate; says "too deep" where the parser ran out of stack. */
function describeSyntaxError(error: YAMLError, text: string): string {
  if (error.code === 'DUPLICATE_KEY') {
    const key = keyWrittenAt(text, error.pos[0]);
    return `duplicate key${key === undefined ? '' : ` \`${key}\``} (keys of a map must be unique)`;
  }
  if (/Maximum call stack size exceeded/.test(error.message)) {
    return `nested too deeply to read (at most ${MAX_DEPTH} levels)`;
  }
  return firstLine(error.message);
}

/** The key as written at `offset` (`app`, `"a b"`), read from the text: the tree may be too deep to walk. */
function keyWrittenAt(text: string, offset: number): string | undefined {
  const end = text.indexOf('\n', offset);
  const rest = text.slice(offset, end < 0 ? undefined : end);
  return /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s:,{}[\]#][^:,{}[\]#]*?)\s*:/.exec(rest)?.[1];
}

function limitError(
  limit: LimitProblem,
  file: string,
  displayName: string,
  lineAt: (offset: number) => number,
): ImageforgeError {
  const line = limit.offset === undefined ? undefined : lineAt(limit.offset);
  const where = line === undefined ? displayName : `${displayName}:${line}`;
  const subject = limit.path === '' ? '' : `${limit.path}: `;
  return new ImageforgeError(`${where}: ${subject}${limit.message}`, {
    code: ErrorCode.ConfigInvalid,
    category: 'config',
    hint: 'imageforge.yaml is written by hand: keep it small, and share settings with `defaults:` and anchors',
    location: { file, line, path: limit.path },
  });
}

/** The document as plain data; YAML's own guard against alias expansion is the second line of defence. */
function toPlainData(document: Document, file: string, displayName: string): unknown {
  try {
    return document.toJS({ maxAliasCount: 1000 }) as unknown;
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImageforgeError(`${displayName}: the YAML cannot be read: ${firstLine(reason)}`, {
      code: ErrorCode.ConfigSyntax,
      category: 'config',
      hint: 'use each alias (`*name`) a few times at most; anchors are for sharing a block, not for generating data',
      cause: error,
      location: { file },
    });
  }
}

/** yaml's messages end with " at line 3, column 5:" and a code frame; keep only the sentence. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * `JENKINS_VERSION: 2.40` is a float to YAML, which would silently become "2.4". Plain scalars whose
 * number does not print back as written stay strings; numeric fields coerce them again.
 */
function keepNumbersAsWritten(document: Document): void {
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value !== 'number' || node.type !== 'PLAIN' || node.source === undefined) return;
      if (String(node.value) !== node.source) node.value = node.source;
    },
  });
}

function findLine(
  document: Document,
  configPath: ConfigPath,
  lineAt: (offset: number) => number,
): number | undefined {
  let node: unknown = document.contents;
  let line = rangeLine(node, lineAt);
  for (const segment of configPath) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      // Nothing of the path exists: a line would only mislead.
      if (pair === undefined) return segment === configPath[0] ? undefined : line;
      line = rangeLine(pair.key, lineAt) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      node = node.items[segment];
      line = rangeLine(node, lineAt) ?? line;
    } else {
      return line;
    }
  }
  return line;
}

function rangeLine(node: unknown, lineAt: (offset: number) => number): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range === undefined || range === null ? undefined : lineAt(range[0]);
}
