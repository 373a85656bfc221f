// Insecure entitlements let a build step reach the host network or run privileged: a compromised
// dependency in a RUN step could then read host services or escape the sandbox.
import { builderConfigPlace, dockerfilePlace, imageConfigPlace, imageList } from '../policy-places.js';
import { parseFlag } from '../../dockerfile/instruction-flags.js';
import { emptyFindings, type PolicyContext, type PolicyFindings } from '../policy-types.js';

const RULE = 'no-insecure-entitlements' as const;

export function checkNoInsecureEntitlements(context: PolicyContext): PolicyFindings {
  const findings = emptyFindings();
  checkBuilders(context, findings);
  for (const image of context.images) {
    if (image.image.network === 'host') {
      const place = imageConfigPlace(context, image, 'network');
      findings.violations.push({
        rule: RULE,
        image: image.name,
        message: `images.${image.name}: network: host (${place.text}) gives RUN steps the host network`,
        location: place.location,
        hint: 'remove `network: host`; production RUN steps get no network (`network: default` allows it)',
      });
    }
    for (const instruction of image.parsed.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      for (const flag of instruction.flags.map(parseFlag)) {
        const insecure =
          (flag.name === 'network' && flag.value?.toLowerCase() === 'host') ||
          (flag.name === 'security' && flag.value?.toLowerCase() === 'insecure');
        if (!insecure) continue;
        const place = dockerfilePlace(image, instruction.line);
        findings.violations.push({
          rule: RULE,
          image: image.name,
          message: `images.${image.name}: RUN --${flag.name}=${flag.value ?? ''} (${place.text}) needs an insecure entitlement`,
          location: place.location,
          hint: `drop --${flag.name}=${flag.value ?? ''} from the RUN instruction; production builds grant no insecure entitlements`,
        });
      }
    }
  }
  return findings;
}

function checkBuilders(context: PolicyContext, findings: PolicyFindings): void {
  const byBuilder = new Map<string, string[]>();
  for (const image of context.images) {
    if (image.builderName === undefined || (image.builder?.buildkitd.entitlements.length ?? 0) === 0)
      continue;
    byBuilder.set(image.builderName, [...(byBuilder.get(image.builderName) ?? []), image.name]);
  }
  for (const [builder, images] of byBuilder) {
    const entitlements = context.images.find((image) => image.builderName === builder)?.builder?.buildkitd
      .entitlements;
    const place = builderConfigPlace(context, builder, 'buildkitd', 'entitlements');
    findings.violations.push({
      rule: RULE,
      builder,
      message: `builders.${builder}: buildkitd.entitlements allows ${(entitlements ?? []).join(', ')} (${place.text}), used by ${imageList(images)}`,
      location: place.location,
      hint: `remove builders.${builder}.buildkitd.entitlements, or build production images on a builder without them`,
    });
  }
}
