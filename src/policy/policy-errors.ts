// The error a refused production build raises: one problem per violation, each one line naming the
// rule, the image or builder and the place; exit code 2 like any other configuration problem.
import { AggregateImageforgeError, ImageforgeError } from '../errors/imageforge-error.js';
import type { PolicyViolation } from './policy-types.js';

/** Stable codes of the policy module (never renamed: pipelines match on them). */
export const PolicyErrorCode = {
  PolicyViolation: 'IMAGEFORGE_POLICY_VIOLATION',
} as const;

/** `images.app: FROM busybox:1.36 (Dockerfile:1) is not pinned by digest [pinned-base-images]` */
export function formatViolation(violation: PolicyViolation): string {
  return `${violation.message} [${violation.rule}]`;
}

export function policyViolationError(violations: PolicyViolation[]): AggregateImageforgeError {
  const problems = violations.map(
    (violation) =>
      new ImageforgeError(formatViolation(violation), {
        code: PolicyErrorCode.PolicyViolation,
        category: 'config',
        hint: violation.hint,
        ...(violation.location === undefined ? {} : { location: violation.location }),
        details: { rule: violation.rule, image: violation.image, builder: violation.builder },
      }),
  );
  const count = violations.length === 1 ? '1 violation' : `${violations.length} violations`;
  const lines = violations.map((violation) => `  ${formatViolation(violation)}`);
  return new AggregateImageforgeError(
    [`the production policy refuses this build (${count}):`, ...lines].join('\n'),
    problems,
    {
      code: PolicyErrorCode.PolicyViolation,
      category: 'config',
      hint: aggregateHint(violations),
      details: {
        violations: violations.map(({ rule, image, builder, message }) => ({
          rule,
          image,
          builder,
          message,
        })),
      },
    },
  );
}

/** One hint per rule broken: the fix for each, and where the rules are explained. */
function aggregateHint(violations: PolicyViolation[]): string {
  const byRule = new Map<string, string>();
  for (const violation of violations)
    if (!byRule.has(violation.rule)) byRule.set(violation.rule, violation.hint);
  if (byRule.size === 1 && violations.length === 1) return violations[0]?.hint ?? '';
  const lines = [...byRule].map(([rule, hint]) => `  ${rule}: ${hint}`);
  return ['docs/security.md explains each rule; to satisfy them:', ...lines].join('\n');
}
