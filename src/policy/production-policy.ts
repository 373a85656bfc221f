// The production hardening policy (settings.policy: production): runs every rule over a plan before
// anything builds and either refuses the build, naming each violation, or lets it go with warnings.
import type { BuilderConfig } from '../config/types.js';
import type { ParsedDockerfile } from '../dockerfile/index.js';
import type { BuildPlan } from '../plan/plan.js';
import { policyViolationError } from './policy-errors.js';
import { resolvePolicyContext } from './policy-context.js';
import type { PolicyFindings, PolicyResult } from './policy-types.js';
import { checkIsolatedCache, type IsolatedCacheOptions } from './rules/isolated-cache.js';
import { checkNoInsecureEntitlements } from './rules/no-insecure-entitlements.js';
import { checkNoLatestTags } from './rules/no-latest-tags.js';
import { checkOciLabels } from './rules/oci-labels.js';
import { checkPinnedBaseImages, type PinnedBaseImagesOptions } from './rules/pinned-base-images.js';
import { checkProvenance, type ProvenanceOptions } from './rules/provenance.js';
import { checkResourceLimits } from './rules/resource-limits.js';
import { checkRunWithoutNetwork } from './rules/run-without-network.js';

export interface ProductionPolicyOptions
  extends PinnedBaseImagesOptions, IsolatedCacheOptions, ProvenanceOptions {
  /** Declared builders; default the plan's `builders:`. */
  builders?: Record<string, BuilderConfig>;
  /** Dockerfiles already parsed, by image name (read from disk otherwise). */
  parsed?: Record<string, ParsedDockerfile>;
}

/** Every rule's findings over the plan, in rule order; never throws for a violation. */
export async function checkProductionPolicy(
  plan: BuildPlan,
  options: ProductionPolicyOptions = {},
): Promise<PolicyResult> {
  const context = await resolvePolicyContext(plan, options);
  const pinned = await checkPinnedBaseImages(context, options);
  const findings: PolicyFindings[] = [
    checkNoInsecureEntitlements(context),
    checkRunWithoutNetwork(context),
    pinned,
    checkProvenance(context, options),
    checkOciLabels(context),
    checkNoLatestTags(context),
    checkIsolatedCache(context, options),
    checkResourceLimits(context),
  ];
  return {
    violations: findings.flatMap((finding) => finding.violations),
    warnings: findings.flatMap((finding) => finding.warnings),
    resolvedBaseImages: pinned.resolvedBaseImages,
  };
}

/**
 * checkProductionPolicy, throwing one AggregateImageforgeError (IMAGEFORGE_POLICY_VIOLATION,
 * category config -> exit 2) that lists every violation, one line each. Returns the warnings and
 * resolved base images when the plan passes.
 */
export async function assertProductionPolicy(
  plan: BuildPlan,
  options: ProductionPolicyOptions = {},
): Promise<PolicyResult> {
  const result = await checkProductionPolicy(plan, options);
  if (result.violations.length > 0) throw policyViolationError(result.violations);
  return result;
}
