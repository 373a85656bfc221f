// Resolves every image's builder to concrete build targets: managed engines (started on demand),
// docker contexts or endpoints, buildx builders by name, and one target per node for pools.
import type { BuilderConfig, ResolvedConfig } from '../../config/types.js';
import type { BuildTarget, ManagedBuilderRunner } from './build-target.js';

export interface TargetSet {
  /** Candidate targets of an image (several for a pool). */
  forImage(image: string): BuildTarget[];
  all(): BuildTarget[];
  /** True when more than one target is involved: images may need a registry hand-off. */
  multiple: boolean;
}

export async function resolveTargets(
  config: ResolvedConfig,
  images: string[],
  managed: ManagedBuilderRunner,
): Promise<TargetSet> {
  const byBuilder = new Map<string, BuildTarget[]>();
  const targetsOf = async (name: string | undefined): Promise<BuildTarget[]> => {
    const key = name ?? 'default';
    const known = byBuilder.get(key);
    if (known) return known;
    const builder = name === undefined ? undefined : config.builders[name];
    const targets = builder ? await targetsOfBuilder(builder, managed) : [plainTarget(name)];
    byBuilder.set(key, targets);
    return targets;
  };
  const perImage = new Map<string, BuildTarget[]>();
  for (const image of images) {
    perImage.set(image, await targetsOf(config.images[image]?.builder ?? config.settings.builder));
  }
  const all = [...new Map([...byBuilder.values()].flat().map((target) => [target.id, target])).values()];
  return { forImage: (image) => perImage.get(image) ?? [], all: () => all, multiple: all.length > 1 };
}

/** A buildx builder imageforge does not manage, or the current one. */
function plainTarget(name: string | undefined): BuildTarget {
  return {
    id: name ?? 'default',
    builder: name ?? 'default',
    node: undefined,
    env: {},
    builderFlag: name,
    platforms: [],
    driver: 'buildx',
  };
}

async function targetsOfBuilder(
  builder: BuilderConfig,
  managed: ManagedBuilderRunner,
): Promise<BuildTarget[]> {
  const nodes = builder.nodes.length > 0 ? builder.nodes : [undefined];
  if (builder.driver === 'managed') {
    const targets: BuildTarget[] = [];
    for (const node of nodes) {
      const { dockerHost } = await managed.ensureRunning(builder, node?.name);
      targets.push(
        target(builder, node?.name, { DOCKER_HOST: dockerHost, DOCKER_CONTEXT: undefined }, node?.platforms),
      );
    }
    return targets;
  }
  if (builder.driver === 'docker') {
    return nodes.map((node) => {
      const endpoint = node?.endpoint ?? builder.endpoint;
      const env = endpoint
        ? { DOCKER_HOST: endpoint, DOCKER_CONTEXT: undefined }
        : builder.context
          ? { DOCKER_HOST: undefined, DOCKER_CONTEXT: builder.context }
          : {};
      return target(builder, node?.name, env, node?.platforms);
    });
  }
  // docker-container, remote, kubernetes: buildx itself spreads work over the builder's nodes
  return [{ ...target(builder, undefined, {}, undefined), builderFlag: builder.name }];
}

function target(
  builder: BuilderConfig,
  node: string | undefined,
  env: Record<string, string | undefined>,
  nodePlatforms: string[] | undefined,
): BuildTarget {
  return {
    id: node ? `${builder.name}/${node}` : builder.name,
    builder: builder.name,
    node,
    env,
    builderFlag: undefined,
    platforms: nodePlatforms && nodePlatforms.length > 0 ? nodePlatforms : builder.platforms,
    driver: builder.driver,
  };
}
