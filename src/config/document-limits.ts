// Bounds on the shape of a parsed config, checked on the YAML tree before it becomes plain data:
// deep nesting, huge lists or maps, aliases that expand exponentially ("billion laughs"), aliases
// that contain themselves or name no anchor. Each would otherwise exhaust the stack or memory (or
// fail inside the YAML library) instead of giving a message that names the line.
import { isAlias, isCollection, isMap, isPair, isScalar } from 'yaml';
import type { Alias, Document, Node } from 'yaml';

/** Real configs nest under ten levels (images.app.test.service.ready.http.port). */
export const MAX_DEPTH = 64;
/** Items of one list or keys of one map. */
export const MAX_COLLECTION_ITEMS = 10_000;
/** Values of the whole document once every alias is expanded. */
export const MAX_EXPANDED_VALUES = 100_000;

export interface LimitProblem {
  /** Offset in the source of the node concerned. */
  offset: number | undefined;
  /** Dotted path of the node concerned ('' for the document). */
  path: string;
  message: string;
}

interface Visit {
  node: unknown;
  depth: number;
  path: string[];
}

/** The first limit the document breaks, or undefined. */
export function findLimitProblem(document: Document): LimitProblem | undefined {
  return findShapeProblem(document) ?? findExpansionProblem(document);
}

/** Depth and collection sizes, walked with an explicit stack (the tree may be deeper than the call stack). */
function findShapeProblem(document: Document): LimitProblem | undefined {
  const stack: Visit[] = [{ node: document.contents, depth: 0, path: [] }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const { node, depth, path } = visit;
    if (!isCollection(node)) continue;
    const at = { offset: offsetOf(node), path: shortPath(path) };
    if (depth >= MAX_DEPTH) {
      return { ...at, message: `nested more than ${MAX_DEPTH} levels deep` };
    }
    if (node.items.length > MAX_COLLECTION_ITEMS) {
      const what = isMap(node) ? 'keys' : 'items';
      return {
        ...at,
        message: `${node.items.length} ${what}; imageforge reads at most ${MAX_COLLECTION_ITEMS} per ${isMap(node) ? 'map' : 'list'}`,
      };
    }
    node.items.forEach((item, index) => {
      if (isPair(item)) {
        stack.push({ node: item.value, depth: depth + 1, path: [...path, keyText(item.key)] });
      } else {
        stack.push({ node: item, depth: depth + 1, path: [...path, String(index)] });
      }
    });
  }
  return undefined;
}

/**
 * Counts values with aliases expanded, memoised per node so a bomb is measured without expanding it.
 * Anchors precede their aliases, so in document order an alias's target is already counted, unless the
 * alias sits inside its own anchor. Recursion follows the tree, whose depth is bounded above.
 */
function findExpansionProblem(document: Document): LimitProblem | undefined {
  const sizes = new Map<unknown, number>();
  const inProgress = new Set<unknown>();
  let problem: LimitProblem | undefined;

  const sizeOf = (node: unknown, path: string[]): number => {
    if (problem !== undefined) return 0;
    if (isAlias(node)) return aliasSize(node, path);
    if (!isCollection(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    inProgress.add(node);
    let size = 1;
    node.items.forEach((item, index) => {
      size += isPair(item)
        ? sizeOf(item.key, path) + sizeOf(item.value, [...path, keyText(item.key)])
        : sizeOf(item, [...path, String(index)]);
    });
    inProgress.delete(node);
    sizes.set(node, size);
    if (size > MAX_EXPANDED_VALUES && problem === undefined) {
      problem = {
        offset: offsetOf(node),
        path: path.join('.'),
        message: `aliases expand this value to more than ${MAX_EXPANDED_VALUES} values (an alias bomb?)`,
      };
    }
    return size;
  };

  const aliasSize = (alias: Alias, path: string[]): number => {
    const target = alias.resolve(document);
    const at = { offset: offsetOf(alias), path: path.join('.') };
    if (target === undefined) {
      problem = { ...at, message: `alias *${alias.source} names no anchor (define &${alias.source} first)` };
      return 0;
    }
    if (inProgress.has(target)) {
      problem = { ...at, message: `alias *${alias.source} refers to the value that contains it` };
      return 0;
    }
    return sizes.get(target) ?? sizeOf(target, path);
  };

  sizeOf(document.contents, []);
  return problem;
}

/** `images.app.labels.0.0.0…`: enough of a very deep path to find it. */
function shortPath(path: string[]): string {
  return path.length > 8 ? `${path.slice(0, 8).join('.')}…` : path.join('.');
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : '?';
}

function offsetOf(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0] ?? undefined;
}
