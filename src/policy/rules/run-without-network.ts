// Production RUN steps get no network: everything a build needs comes in through pinned base
// images, the build context and mounted secrets, so a step cannot fetch (or leak) anything unseen.
import type { ImageConfig } from '../../config/types.js';
import { parseFlag } from '../../dockerfile/instruction-flags.js';
import { dockerfilePlace, imageConfigPlace } from '../policy-places.js';
import { emptyFindings, type PolicyContext, type PolicyFindings } from '../policy-types.js';

const RULE = 'run-without-network' as const;

/**
 * The network a production build gives RUN steps (`docker buildx build --network <value>`, bake
 * `network = "<value>"`): none, unless the image explicitly sets `network: default`.
 * `network: host` is never granted (no-insecure-entitlements refuses it).
 */
export function productionNetwork(image: Pick<ImageConfig, 'network'>): 'none' | 'default' {
  return image.network === 'default' ? 'default' : 'none';
}

export function checkRunWithoutNetwork(context: PolicyContext): PolicyFindings {
  const findings = emptyFindings();
  for (const image of context.images) {
    const allowed = productionNetwork(image.image) === 'default';
    if (allowed) {
      const place = imageConfigPlace(context, image, 'network');
      findings.warnings.push({
        rule: RULE,
        image: image.name,
        message: `images.${image.name}: RUN steps have network access (network: default, ${place.text})`,
        location: place.location,
        hint: 'vendor what the build downloads into the context or a pinned base image, then drop `network: default`',
      });
      continue;
    }
    for (const instruction of image.parsed.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const network = instruction.flags.map(parseFlag).find((flag) => flag.name === 'network');
      const value = network?.value?.toLowerCase();
      // host is an insecure entitlement: reported once, by no-insecure-entitlements.
      if (network === undefined || value === 'none' || value === 'host') continue;
      const place = dockerfilePlace(image, instruction.line);
      findings.violations.push({
        rule: RULE,
        image: image.name,
        message: `images.${image.name}: RUN --network=${network.value ?? ''} (${place.text}) asks for network access, which production builds do not allow for this image`,
        location: place.location,
        hint: `remove --network from the RUN instruction, or set images.${image.name}.network: default to allow it explicitly`,
      });
    }
  }
  return findings;
}
