// What `imageforge scan IMAGE` / `imageforge test IMAGE` act on: an image named in imageforge.yaml
// (its primary tag and its gate settings) or any local reference, with or without a config file.
import { existsSync } from 'node:fs';
import type { ImageConfig, ResolvedConfig } from '../../config/types.js';
import { loadFromFlags, type ConfigFlags } from '../options.js';

export interface StandaloneTarget {
  reference: string;
  /** Set when IMAGE names an image of the config. */
  image: ImageConfig | undefined;
  config: ResolvedConfig | undefined;
}

const DEFAULT_CONFIG = 'imageforge.yaml';

/** The config is optional here: without an explicit -f and no imageforge.yaml, IMAGE is a reference. */
export async function loadOptionalConfig(flags: ConfigFlags): Promise<ResolvedConfig | undefined> {
  const file = flags.file ?? DEFAULT_CONFIG;
  if (file === DEFAULT_CONFIG && !existsSync(file)) return undefined;
  return loadFromFlags(flags);
}

export async function resolveStandaloneTarget(
  argument: string,
  flags: ConfigFlags,
): Promise<StandaloneTarget> {
  const config = await loadOptionalConfig(flags);
  const image = config?.images[argument];
  return { reference: image?.tags[0] ?? argument, image, config };
}
