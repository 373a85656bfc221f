// Decides which registry cache tags go: tags of branches that no longer exist and tags whose cache
// is older than registryMaxAge, never a kept branch's tag, and never a manifest another kept tag
// still points at (a delete by digest removes every tag of that digest). Pure, for tests.
import { cacheTagForBranch } from './branch-tags.js';
import { formatPolicyDuration } from './policy-text.js';

export interface RegistryCacheTag {
  repository: string;
  tag: string;
  digest: string;
  /** Newest buildkit/createdat of the export; undefined = unknown (never deleted for age). */
  createdAt: Date | undefined;
}

export interface RegistryCleanupPolicy {
  registryMaxAgeMs: number;
  keepBranches: string[];
}

export interface PlanRegistryCleanupOptions {
  now: Date;
  /** Live branches; undefined when git could not list them (no tag is judged by branch then). */
  branches: string[] | undefined;
}

export interface RegistryTagDecision {
  tag: RegistryCacheTag;
  action: 'delete' | 'keep';
  why: string;
}

export function planRegistryCleanup(
  tags: RegistryCacheTag[],
  policy: RegistryCleanupPolicy,
  options: PlanRegistryCleanupOptions,
): RegistryTagDecision[] {
  const kept = new Set(policy.keepBranches.map(cacheTagForBranch));
  const live = options.branches === undefined ? undefined : new Set(options.branches.map(cacheTagForBranch));
  const decisions = tags.map((tag) => decide(tag, policy, options.now, kept, live));
  // A delete by digest would take every tag of that digest along: keep it if any of them stays.
  const keptDigests = new Set(
    decisions.filter((d) => d.action === 'keep').map((d) => `${d.tag.repository}@${d.tag.digest}`),
  );
  return decisions.map((decision) => {
    const key = `${decision.tag.repository}@${decision.tag.digest}`;
    if (decision.action === 'delete' && keptDigests.has(key))
      return {
        ...decision,
        action: 'keep',
        why: `${decision.why}, but its manifest is shared with a kept tag`,
      };
    return decision;
  });
}

function decide(
  tag: RegistryCacheTag,
  policy: RegistryCleanupPolicy,
  now: Date,
  kept: Set<string>,
  live: Set<string> | undefined,
): RegistryTagDecision {
  if (kept.has(tag.tag)) return { tag, action: 'keep', why: 'keepBranches' };
  if (live !== undefined && !live.has(tag.tag))
    return { tag, action: 'delete', why: 'branch no longer exists' };
  const age = tag.createdAt === undefined ? undefined : now.getTime() - tag.createdAt.getTime();
  if (age !== undefined && age > policy.registryMaxAgeMs)
    return { tag, action: 'delete', why: `older than ${formatPolicyDuration(policy.registryMaxAgeMs)}` };
  if (live === undefined) return { tag, action: 'keep', why: 'branches unknown (not a git repository)' };
  return { tag, action: 'keep', why: age === undefined ? 'live branch (age unknown)' : 'live branch' };
}
