// Resolves what a run will do: which images (the selection plus everything it needs), in which
// dependency order, which FROM references are satisfied by images of this set, and the exact
// buildx command lines — like `docker buildx bake --print`, before anything runs.
import type { ImageConfig, ResolvedConfig } from '../config/types.js';
import { readDockerfile, resolveBaseImages, type ParsedDockerfile } from '../dockerfile/index.js';
import { ImageforgeError, isImageforgeError } from '../errors/imageforge-error.js';
import {
  buildGraph,
  selectClosure,
  topologicalOrder,
  type DependencyEdge,
  type DependencyGraph,
  type GraphNode,
} from './graph.js';
import { getBuildCommand, formatCommand, type NamedContext } from '../buildx/build-command.js';

export interface BaseImageLink {
  /** The FROM reference as the Dockerfile resolves it. */
  ref: string;
  /** The image of this set that produces it. */
  image: string;
}

export interface PlannedImage {
  name: string;
  image: ImageConfig;
  /** Direct dependencies within the plan. */
  dependencies: string[];
  edges: DependencyEdge[];
  /** FROM references pinned to the digest their producing image built in this run. */
  baseImageLinks: BaseImageLink[];
  /** External base images (not produced by this set). */
  externalBaseImages: string[];
}

export interface BuildPlan {
  config: ResolvedConfig;
  graph: DependencyGraph;
  /** What the user asked for (empty = everything). */
  requested: string[];
  /** Topological order of every image the run builds. */
  order: string[];
  images: Record<string, PlannedImage>;
}

export interface ResolvePlanOptions {
  /** Image names to build (with their dependencies); empty = all. */
  selected?: string[];
}

export async function resolvePlan(
  config: ResolvedConfig,
  options: ResolvePlanOptions = {},
): Promise<BuildPlan> {
  const names = Object.keys(config.images).sort();
  const nodes: GraphNode[] = [];
  for (const name of names) {
    const image = config.images[name];
    if (!image) continue;
    const parsed = await readDockerfile(image.dockerfile);
    nodes.push({
      name,
      dependsOn: image.dependsOn,
      tags: image.tags,
      baseImages: baseImagesOf(config, name, parsed, image),
      dockerfile: image.dockerfile,
      configLine: image.line,
    });
  }
  const graph = buildGraph(nodes, { configFile: config.file });
  const requested = options.selected ?? [];
  const included = requested.length > 0 ? selectClosure(graph, requested) : names;
  const order = topologicalOrder(graph, included);
  const images: Record<string, PlannedImage> = {};
  for (const name of order) {
    const image = config.images[name];
    const node = nodes.find((candidate) => candidate.name === name);
    if (!image || !node) continue;
    const edges = graph.edges.filter((edge) => edge.from === name);
    const baseImageLinks = edges
      .filter((edge) => edge.reason === 'from' && edge.ref !== undefined)
      .map((edge) => ({ ref: edge.ref ?? '', image: edge.to }));
    const linked = new Set(baseImageLinks.map((link) => link.ref));
    images[name] = {
      name,
      image,
      dependencies: graph.dependencies(name).filter((dep) => included.includes(dep)),
      edges,
      baseImageLinks,
      externalBaseImages: [
        ...new Set(node.baseImages.map((base) => base.ref).filter((ref) => !linked.has(ref))),
      ],
    };
  }
  return { config, graph, requested, order, images };
}

/** FROM references of one image; an unknown `target` is reported at its place in the config. */
function baseImagesOf(
  config: ResolvedConfig,
  name: string,
  parsed: ParsedDockerfile,
  image: ImageConfig,
): GraphNode['baseImages'] {
  try {
    return resolveBaseImages(parsed, image.args, image.target).map(({ ref, line }) => ({ ref, line }));
  } catch (error: unknown) {
    if (!isImageforgeError(error) || error.details.target === undefined) throw error;
    const path = `images.${name}.target`;
    throw new ImageforgeError(`${path}: ${error.message}`, {
      code: error.code,
      category: error.category,
      hint: error.hint,
      cause: error,
      location: { file: config.file, line: image.line, path },
      details: error.details,
    });
  }
}

/**
 * The named build contexts that pin each linked FROM reference to its producer's digest. With
 * `byDigest: false` (engines that cannot find a loaded image by digest) the reference stays as written.
 */
export function pinnedContexts(
  planned: PlannedImage,
  digests: Record<string, string | undefined>,
  options: { byDigest?: boolean } = {},
): NamedContext[] {
  const unique = [...new Map(planned.baseImageLinks.map((link) => [link.ref, link])).values()];
  return unique.map((link) => {
    const digest = options.byDigest === false ? undefined : digests[link.image];
    const value = digest ? `docker-image://${stripDigest(link.ref)}@${digest}` : `docker-image://${link.ref}`;
    return { name: link.ref, value };
  });
}

function stripDigest(ref: string): string {
  const at = ref.indexOf('@');
  return at >= 0 ? ref.slice(0, at) : ref;
}

export interface PrintedPlan {
  order: string[];
  images: Array<{
    name: string;
    dependsOn: string[];
    edges: DependencyEdge[];
    externalBaseImages: string[];
    tags: string[];
    platforms: string[];
    target: string | undefined;
    command: string;
    argv: string[];
  }>;
}

/** The plan as `imageforge plan` shows it; digests of dependencies appear as placeholders. */
export function printPlan(
  plan: BuildPlan,
  options: { builder?: string; push?: boolean; cacheArgs?: Map<string, string[]> } = {},
): PrintedPlan {
  return {
    order: plan.order,
    images: plan.order.flatMap((name) => {
      const planned = plan.images[name];
      if (!planned) return [];
      const placeholders = Object.fromEntries(planned.dependencies.map((dep) => [dep, `<digest of ${dep}>`]));
      const command = getBuildCommand({
        image: planned.image,
        builder: options.builder,
        metadataFile: '<run-dir>/metadata/' + name + '.json',
        output: 'load',
        contexts: pinnedContexts(planned, placeholders),
        extraArgs: options.cacheArgs?.get(name) ?? [],
      });
      return [
        {
          name,
          dependsOn: planned.dependencies,
          edges: planned.edges,
          externalBaseImages: planned.externalBaseImages,
          tags: planned.image.tags,
          platforms: planned.image.platforms,
          target: planned.image.target,
          command: formatCommand(command),
          argv: [command.command, ...command.args],
        },
      ];
    }),
  };
}
