// Build steps run arbitrary code: without memory and CPU limits one runaway step can starve the
// host and every other build on it, and an out-of-memory kill cannot be told from a crash.
import { builderConfigPlace, imageList } from '../policy-places.js';
import { buildersInUse } from '../policy-builders.js';
import { emptyFindings, type PolicyContext, type PolicyFindings } from '../policy-types.js';

const RULE = 'resource-limits' as const;
const EXAMPLE = 'resources: {memory: 4g, cpus: 2}';

export function checkResourceLimits(context: PolicyContext): PolicyFindings {
  const findings = emptyFindings();
  for (const use of buildersInUse(context)) {
    const images = imageList(use.images);
    if (use.name === undefined) {
      findings.violations.push({
        rule: RULE,
        message: `${images}: built on the current buildx builder, which declares no resource limits (${context.configLabel})`,
        location: { file: context.configFile, path: 'settings.builder' },
        hint: `declare a builder under \`builders:\` with \`${EXAMPLE}\` and select it with settings.builder`,
      });
      continue;
    }
    const place = builderConfigPlace(context, use.name, 'resources');
    if (use.config === undefined) {
      findings.violations.push({
        rule: RULE,
        builder: use.name,
        message: `builders.${use.name}: not declared under \`builders:\` (${place.text}), so no resource limits apply to ${images}`,
        location: place.location,
        hint: `declare builders.${use.name} with \`${EXAMPLE}\``,
      });
      continue;
    }
    const { memoryBytes, cpus } = use.config.resources;
    const missing = [memoryBytes === undefined ? 'memory' : '', cpus === undefined ? 'cpus' : ''].filter(
      Boolean,
    );
    if (missing.length === 0) continue;
    findings.violations.push({
      rule: RULE,
      builder: use.name,
      message: `builders.${use.name}: no ${missing.join(' or ')} limit for build steps (${place.text}), used by ${images}`,
      location: place.location,
      hint: `set builders.${use.name}.${EXAMPLE}`,
    });
  }
  return findings;
}
