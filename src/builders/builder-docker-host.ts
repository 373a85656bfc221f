// Which Docker Engine a builder's images land in, for the run path (image checks, local loads): a
// managed builder's own socket, a docker-driver builder's context endpoint or endpoint.
import type { ResolvedConfig } from '../config/types.js';
import { unknownBuilderError } from './builder-errors.js';
import { listContexts } from './docker-context.js';
import { defaultImageforgeHome, managedLayout } from './managed/managed-layout.js';

export interface BuilderDockerHostOptions {
  /** IMAGEFORGE_HOME; default from the environment. */
  home?: string;
  env?: Record<string, string | undefined>;
}

/**
 * The DOCKER_HOST for builds with `builderName`; undefined when the builder does not pin an engine
 * (docker driver without context/endpoint, or a buildx driver whose results go to a registry).
 */
export async function builderDockerHost(
  builderName: string,
  config: Pick<ResolvedConfig, 'builders'>,
  options: BuilderDockerHostOptions = {},
): Promise<string | undefined> {
  const builder = config.builders[builderName];
  if (!builder) throw unknownBuilderError(builderName, Object.keys(config.builders));
  const env = options.env ?? process.env;
  if (builder.driver === 'managed')
    return managedLayout(builder.name, options.home ?? defaultImageforgeHome(env)).dockerHost;
  if (builder.driver !== 'docker') return undefined;
  if (builder.context) {
    const context = (await listContexts(env)).find((candidate) => candidate.name === builder.context);
    return context?.host || undefined;
  }
  return builder.endpoint;
}
