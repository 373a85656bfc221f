// Reads imageforge.yaml and keeps its YAML tree, so every later problem can be reported with the
// file and line of the key it concerns.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node } from 'yaml';
import { ErrorCode } from '../errors/codes.js';
import { AggregateImageforgeError, ImageforgeError } from '../errors/imageforge-error.js';

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

/** Reads and parses the config file; throws ConfigNotFound / ConfigSyntax. */
export async function readConfigSource(file: string, cwd: string): Promise<ConfigSource> {
  const relative = path.relative(cwd, file);
  const displayName = relative !== '' && !relative.startsWith('..') ? relative : file;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    throw notFound(file, displayName, error);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, merge: true, prettyErrors: true });
  if (document.errors.length > 0) throw syntaxError(document, file, displayName);
  keepNumbersAsWritten(document);
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  return {
    file,
    displayName,
    data: document.toJS({ maxAliasCount: 1000 }) as unknown,
    lineOf: (configPath) => findLine(document, configPath, lineAt),
    warnings: document.warnings.map((warning) => `${displayName}: ${firstLine(warning.message)}`),
  };
}

function notFound(file: string, displayName: string, error: unknown): ImageforgeError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? String(error)})`;
  const looked = displayName === file ? '' : ` (looked for ${file})`;
  return new ImageforgeError(`config file ${displayName} ${reason}${looked}`, {
    code: ErrorCode.ConfigNotFound,
    category: 'config',
    hint: 'create imageforge.yaml in the project directory, or pass --file <path>',
    cause: error,
    location: { file },
  });
}

function syntaxError(document: Document, file: string, displayName: string): AggregateImageforgeError {
  // After the first syntax error a parser mostly reports its own confusion: show the first only.
  const problems = document.errors.slice(0, 1).map((error) => {
    const position = error.linePos?.[0];
    const where = position === undefined ? displayName : `${displayName}:${position.line}:${position.col}`;
    return new ImageforgeError(`${where}: ${firstLine(error.message)}`, {
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
