// Standard OCI annotations every image gets unless the config sets them. `created` comes from the
// commit time, not the clock, so a fully cached rebuild produces the identical image.
import type { GitInfo } from './git-info.js';

export const OCI_LABEL = {
  created: 'org.opencontainers.image.created',
  revision: 'org.opencontainers.image.revision',
  source: 'org.opencontainers.image.source',
  title: 'org.opencontainers.image.title',
} as const;

/**
 * Labels derived from git and the image name. `SOURCE_DATE_EPOCH` (reproducible-builds.org) wins
 * over the commit time; the current time is used only outside git.
 */
export function ociLabels(
  imageName: string,
  git: GitInfo,
  now: Date,
  env: Record<string, string | undefined>,
): Record<string, string> {
  const labels: Record<string, string> = {
    [OCI_LABEL.created]: createdTime(git, now, env)
      .toISOString()
      .replace(/\.000Z$/, 'Z'),
    [OCI_LABEL.title]: imageName,
  };
  if (git.commit !== undefined) labels[OCI_LABEL.revision] = git.commit;
  if (git.sourceUrl !== undefined) labels[OCI_LABEL.source] = git.sourceUrl;
  return labels;
}

function createdTime(git: GitInfo, now: Date, env: Record<string, string | undefined>): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return git.commitTime ?? now;
}
