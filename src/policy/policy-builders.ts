// Groups a plan's images by the builder they run on: builder rules report once per builder,
// naming every image that uses it.
import type { BuilderConfig } from '../config/types.js';
import type { PolicyContext } from './policy-types.js';

export interface BuilderUse {
  /** undefined = the current buildx builder (no `builder:` set). */
  name: string | undefined;
  /** The `builders:` entry; undefined when the builder is not declared there. */
  config: BuilderConfig | undefined;
  images: string[];
}

export function buildersInUse(context: PolicyContext): BuilderUse[] {
  const uses = new Map<string | undefined, BuilderUse>();
  for (const image of context.images) {
    const use = uses.get(image.builderName) ?? { name: image.builderName, config: image.builder, images: [] };
    use.images.push(image.name);
    uses.set(image.builderName, use);
  }
  return [...uses.values()];
}
