// Public surface of the production policy: check or enforce it over a plan, plus what the runner
// needs to build the way the policy demands (network, buildx flags, resolved base images).
export {
  checkProductionPolicy,
  assertProductionPolicy,
  type ProductionPolicyOptions,
} from './production-policy.js';
export { PolicyErrorCode, policyViolationError, formatViolation } from './policy-errors.js';
export {
  POLICY_RULES,
  type PolicyRuleId,
  type PolicyViolation,
  type PolicyFindings,
  type PolicyResult,
} from './policy-types.js';
export { productionNetwork } from './rules/run-without-network.js';
export { productionBuildArgs, checkProvenanceMetadata } from './rules/provenance.js';
export { resolvedBaseImageContexts, isPinnedReference, type PinMode } from './rules/pinned-base-images.js';
