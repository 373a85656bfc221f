// Connects runs to imageforge's managed builders: a managed builder — or each node of a managed
// pool, an engine of its own named `<builder>-<node>` — that is not running is started first.
import type { BuilderConfig, ResolvedConfig } from '../../config/types.js';
import { startManagedBuilder } from '../../builders/managed/managed-engine.js';
import { defaultImageforgeHome } from '../../builders/managed/managed-layout.js';
import type { ManagedBuilderRunner } from './build-target.js';

export function defaultManagedRunner(
  config: ResolvedConfig,
  env: Record<string, string | undefined>,
): ManagedBuilderRunner {
  const home = defaultImageforgeHome(env);
  return {
    ensureRunning: async (builder: BuilderConfig, node: string | undefined) => {
      const engine =
        node === undefined ? builder : { ...builder, name: `${builder.name}-${node}`, nodes: [] };
      const started = await startManagedBuilder(engine, {
        home,
        production: config.settings.policy === 'production',
        env,
        cachePolicy: config.settings.cache,
      });
      return { dockerHost: started.dockerHost };
    },
  };
}
