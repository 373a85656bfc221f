// The input fingerprint of one image build: everything that decides its result. Two runs with the
// same fingerprint on the same engine would produce the same image, so the second may be skipped.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ImageConfig } from '../config/types.js';
import { digestContext } from './context-digest.js';

const FINGERPRINT_VERSION = 1;
const CREATED_LABEL = 'org.opencontainers.image.created';

/** The part known before anything builds: Dockerfile, context files and build settings. */
export async function staticInputs(image: ImageConfig): Promise<string> {
  const [dockerfile, context] = await Promise.all([
    readFile(image.dockerfile),
    digestContext(image.context, image.dockerfile),
  ]);
  const settings = {
    version: FINGERPRINT_VERSION,
    dockerfile: createHash('sha256').update(dockerfile).digest('hex'),
    context,
    target: image.target ?? null,
    args: sorted(image.args),
    // `created` is when it was built, not what: outside git it is "now", which would defeat every skip
    labels: sorted(Object.fromEntries(Object.entries(image.labels).filter(([key]) => key !== CREATED_LABEL))),
    tags: image.tags,
    platforms: image.platforms,
    // secret values are not part of BuildKit's cache key either; their ids and sources are
    secrets: sorted(
      Object.fromEntries(Object.entries(image.secrets).map(([id, source]) => [id, JSON.stringify(source)])),
    ),
  };
  return createHash('sha256').update(JSON.stringify(settings)).digest('hex');
}

/** Combines the static inputs with the digests of every base image (in-set and external). */
export function fingerprint(staticHash: string, baseDigests: Record<string, string>): string {
  return createHash('sha256')
    .update(staticHash)
    .update(JSON.stringify(sorted(baseDigests)))
    .digest('hex');
}

function sorted(record: Record<string, string>): Array<[string, string]> {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
