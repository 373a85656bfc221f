// Decides, once per run, each image's cache import/export flags: the branch the cache belongs to,
// and whether this engine can export cache at all (the docker driver needs the containerd store).
import { engineSupports } from '../docker/engine-features.js';
import type { BuildPlan } from '../plan/plan.js';
import type { PreflightResult } from '../preflight/preflight.js';
import { getGitInfo } from '../config/index.js';
import { cacheFlags, type CacheFlags } from '../buildx/cache-flags.js';

export interface RunCachePlan {
  branch: string;
  flags: Map<string, CacheFlags>;
  warnings: string[];
}

/** The branch a build belongs to: explicit, then git, then what CI systems export for detached HEADs. */
export async function currentBranch(
  projectDir: string,
  env: Record<string, string | undefined>,
): Promise<string> {
  const explicit = env.IMAGEFORGE_BRANCH;
  if (explicit) return explicit;
  const git = await getGitInfo(projectDir);
  return (
    git.branch ??
    env.BRANCH_NAME ?? // Jenkins multibranch
    env.GITHUB_HEAD_REF ??
    env.GITHUB_REF_NAME ??
    env.CI_COMMIT_REF_NAME ?? // GitLab
    'detached'
  );
}

export async function planRunCache(
  plan: BuildPlan,
  preflight: PreflightResult,
  env: Record<string, string | undefined>,
): Promise<RunCachePlan> {
  const images = plan.order.flatMap((name) => (plan.images[name] ? [plan.images[name].image] : []));
  const flags = new Map<string, CacheFlags>();
  const warnings: string[] = [];
  if (!images.some((image) => image.cache !== undefined)) return { branch: '', flags, warnings };
  const branch = await currentBranch(plan.config.projectDir, env);
  const dockerDriver = preflight.builder?.driver === 'docker';
  const canExport = !dockerDriver || preflight.containerdSnapshotter;
  if (!canExport) {
    warnings.push(
      'cache export skipped: the docker driver needs the containerd image store (daemon.json features.containerd-snapshotter)',
    );
  }
  const supportsImageManifest =
    !dockerDriver || engineSupports(preflight.engineVersion, 'cacheImageManifest');
  for (const image of images) {
    const context = { image: image.name, branch, target: image.target };
    flags.set(image.name, cacheFlags(image.cache, context, { canExport, supportsImageManifest }));
  }
  return { branch, flags, warnings };
}
