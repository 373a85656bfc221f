// Builds the classic-builder argv (`DOCKER_BUILDKIT=0 docker build`), used when BuildKit is missing,
// disabled, or --legacy is asked for. BuildKit-only features are refused before we get here.
import type { ImageConfig } from '../config/types.js';
import type { Command } from '../buildx/build-command.js';

export interface LegacyCommandInput {
  image: ImageConfig;
  /** A rewritten Dockerfile (cache mounts dropped), when degradation applied. */
  dockerfile?: string;
  iidFile: string;
}

export function getLegacyBuildCommand(input: LegacyCommandInput): Command {
  const { image } = input;
  const args = ['build', '--file', input.dockerfile ?? image.dockerfile, '--iidfile', input.iidFile];
  if (image.target) args.push('--target', image.target);
  for (const [key, value] of Object.entries(image.args).sort(([a], [b]) => a.localeCompare(b))) {
    args.push('--build-arg', `${key}=${value}`);
  }
  for (const [key, value] of Object.entries(image.labels).sort(([a], [b]) => a.localeCompare(b))) {
    args.push('--label', `${key}=${value}`);
  }
  for (const tag of image.tags) args.push('--tag', tag);
  if (image.platforms.length === 1 && image.platforms[0]) args.push('--platform', image.platforms[0]);
  if (image.pull) args.push('--pull');
  if (image.noCache) args.push('--no-cache');
  args.push(image.context);
  return { command: 'docker', args, env: { DOCKER_BUILDKIT: '0' } };
}
