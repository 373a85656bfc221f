// The image dependency graph: explicit `dependsOn` plus FROM edges (a Dockerfile's base image is
// another configured image's tag), and the orders the scheduler derives from it.
import { ImageforgeError } from '../errors/imageforge-error.js';
import { ErrorCode } from '../errors/codes.js';
import { compareNames, findCycle } from './find-cycle.js';
import {
  cycleError,
  duplicateImageError,
  unknownDependencyError,
  unknownImageUsageError,
} from './graph-errors.js';
import { normalizeImageRef } from './image-ref.js';

export { normalizeImageRef } from './image-ref.js';

export interface GraphNode {
  name: string;
  /** Explicit dependencies (image names). */
  dependsOn: string[];
  tags: string[];
  /** FROM references after ARG substitution (see resolveBaseImages). */
  baseImages: Array<{ ref: string; line: number }>;
  /** Path of the Dockerfile, for messages. */
  dockerfile: string;
  /** Line of the image in the config file, for messages. */
  configLine?: number;
}

export interface DependencyEdge {
  /** The dependent image. */
  from: string;
  /** The image it needs. */
  to: string;
  reason: 'dependsOn' | 'from';
  /** The FROM reference that matched a tag of `to` (reason 'from'). */
  ref?: string;
  /** Dockerfile line of that FROM (reason 'from'). */
  line?: number;
}

export interface DependencyGraph {
  /** Image names in the order they were given. */
  nodes: string[];
  edges: DependencyEdge[];
  /** Direct dependencies, sorted by name; [] for an unknown name. */
  dependencies(name: string): string[];
  /** Direct dependents, sorted by name; [] for an unknown name. */
  dependents(name: string): string[];
}

export interface BuildGraphOptions {
  /** The config file, named in error messages. */
  configFile: string;
}

/** Throws IMAGEFORGE_CONFIG_UNKNOWN_IMAGE for a dependsOn naming no image, IMAGEFORGE_CONFIG_CYCLE for a cycle. */
export function buildGraph(nodes: GraphNode[], options: BuildGraphOptions): DependencyGraph {
  const names = nodes.map((node) => node.name);
  const known = new Set<string>();
  for (const name of names) {
    if (known.has(name)) throw duplicateImageError(name, options.configFile);
    known.add(name);
  }
  const edges: DependencyEdge[] = [];
  for (const node of nodes) {
    for (const dependency of node.dependsOn) {
      if (!known.has(dependency))
        throw unknownDependencyError(node.name, dependency, names, options.configFile, node.configLine);
      edges.push({ from: node.name, to: dependency, reason: 'dependsOn' });
    }
  }
  edges.push(...fromEdges(nodes));
  const graph = createGraph(names, edges);
  const cycle = findCycle(names, (name) => graph.dependencies(name));
  if (cycle) {
    const first = nodes.find((node) => node.name === cycle[0]);
    throw cycleError(cycle, explainCycle(cycle, edges, nodes), options.configFile, first?.configLine);
  }
  return graph;
}

/** Edges from a Dockerfile's FROM to the image whose tag it names; self-references are ignored. */
function fromEdges(nodes: GraphNode[]): DependencyEdge[] {
  const producers = new Map<string, Set<string>>();
  for (const node of nodes) {
    for (const tag of node.tags) {
      const key = normalizeImageRef(tag);
      producers.set(key, (producers.get(key) ?? new Set()).add(node.name));
    }
  }
  return nodes.flatMap((node) =>
    node.baseImages.flatMap((base) =>
      [...(producers.get(normalizeImageRef(base.ref)) ?? [])]
        .filter((producer) => producer !== node.name)
        .map((producer): DependencyEdge => ({
          from: node.name,
          to: producer,
          reason: 'from',
          ref: base.ref,
          line: base.line,
        })),
    ),
  );
}

function createGraph(nodes: string[], edges: DependencyEdge[]): DependencyGraph {
  const dependencies = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  const link = (map: Map<string, string[]>, key: string, value: string): void => {
    const list = map.get(key) ?? [];
    if (!list.includes(value)) map.set(key, [...list, value].sort(compareNames));
  };
  for (const edge of edges) {
    link(dependencies, edge.from, edge.to);
    link(dependents, edge.to, edge.from);
  }
  return {
    nodes,
    edges,
    dependencies: (name) => [...(dependencies.get(name) ?? [])],
    dependents: (name) => [...(dependents.get(name) ?? [])],
  };
}

/** "a needs b (FROM x at a/Dockerfile:3)" for every step of the cycle. */
function explainCycle(cycle: string[], edges: DependencyEdge[], nodes: GraphNode[]): string[] {
  return cycle.slice(0, -1).map((from, index) => {
    const to = cycle[index + 1] ?? '';
    const reasons = edges
      .filter((edge) => edge.from === from && edge.to === to)
      .map((edge) => {
        if (edge.reason === 'dependsOn') return `dependsOn`;
        const dockerfile = nodes.find((node) => node.name === from)?.dockerfile ?? '';
        return `FROM ${edge.ref ?? ''} at ${dockerfile}:${edge.line ?? ''}`;
      });
    return `${from} needs ${to} (${[...new Set(reasons)].join(', ')})`;
  });
}

/** The selected images plus everything they transitively need, in graph order. Unknown names are usage errors. */
export function selectClosure(graph: DependencyGraph, selected: string[]): string[] {
  assertKnown(graph, selected);
  const included = new Set<string>();
  const pending = [...selected];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (included.has(name)) continue;
    included.add(name);
    pending.push(...graph.dependencies(name));
  }
  return graph.nodes.filter((name) => included.has(name));
}

/**
 * Dependencies before dependents; among images ready at the same time, by name (deterministic).
 * Edges to images outside `names` are ignored (they are assumed built already).
 */
export function topologicalOrder(graph: DependencyGraph, names?: string[]): string[] {
  return dependencyLevelsOrdered(graph, names, 'one-at-a-time').flat();
}

/** Images grouped so that each group needs only earlier groups: what may build in parallel. */
export function dependencyLevels(graph: DependencyGraph, names?: string[]): string[][] {
  return dependencyLevelsOrdered(graph, names, 'by-level');
}

/**
 * Kahn's algorithm. 'one-at-a-time' releases dependents as soon as one image is placed (so the
 * smallest ready name always comes next); 'by-level' releases them only after a whole level.
 */
function dependencyLevelsOrdered(
  graph: DependencyGraph,
  names: string[] | undefined,
  mode: 'one-at-a-time' | 'by-level',
): string[][] {
  const members = new Set(names ?? graph.nodes);
  assertKnown(graph, [...members]);
  const waitingOn = new Map(
    [...members].map((name) => [name, graph.dependencies(name).filter((dep) => members.has(dep)).length]),
  );
  let ready = [...members].filter((name) => waitingOn.get(name) === 0).sort(compareNames);
  const levels: string[][] = [];
  while (ready.length > 0) {
    const level = mode === 'by-level' ? ready : ready.slice(0, 1);
    const released = level.flatMap((name) => release(graph, name, members, waitingOn));
    ready = [...ready.slice(level.length), ...released].sort(compareNames);
    levels.push(level);
  }
  const placed = levels.reduce((count, level) => count + level.length, 0);
  if (placed < members.size) throw cycleAmong(graph, members);
  return levels;
}

/** Marks `name` built; returns the dependents that became ready. */
function release(
  graph: DependencyGraph,
  name: string,
  members: Set<string>,
  waitingOn: Map<string, number>,
): string[] {
  return graph.dependents(name).filter((dependent) => {
    if (!members.has(dependent)) return false;
    const left = (waitingOn.get(dependent) ?? 0) - 1;
    waitingOn.set(dependent, left);
    return left === 0;
  });
}

function cycleAmong(graph: DependencyGraph, members: Set<string>): ImageforgeError {
  const cycle = findCycle([...members], (name) =>
    graph.dependencies(name).filter((dep) => members.has(dep)),
  ) ?? [...members];
  return new ImageforgeError(`dependency cycle: ${cycle.join(' → ')}`, {
    code: ErrorCode.ConfigCycle,
    category: 'config',
    details: { cycle },
  });
}

function assertKnown(graph: DependencyGraph, names: string[]): void {
  const known = new Set(graph.nodes);
  const unknown = names.find((name) => !known.has(name));
  if (unknown !== undefined) throw unknownImageUsageError(unknown, graph.nodes);
}
