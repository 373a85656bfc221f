// Reads the `--metadata-file` JSON that buildx writes after a successful build (none on failure).
// Keys depend on exporter and options, so every field is optional and the raw object is kept.
import { z } from 'zod';

export interface BuildMetadata {
  /** `containerimage.digest`: the pushed/loaded manifest or index digest. */
  digest?: string;
  /** `containerimage.config.digest`: only for single-platform images without attestations. */
  configDigest?: string;
  /** `image.name`: comma-separated when several tags were given; `moby-dangling@sha256:...` when untagged. */
  imageName?: string;
  /** `buildx.build.ref`: `<builder>/<node>/<ref>`, usable with `docker buildx history`. */
  buildRef?: string;
  raw: Record<string, unknown>;
}

const objectSchema = z.record(z.string(), z.unknown());

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return objectSchema.safeParse(value).success && !Array.isArray(value);
}

function stringField(raw: Record<string, unknown>, key: string): string | undefined {
  const value = raw[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Metadata of one `docker buildx build`; anything that is not an object reads as empty. */
export function parseBuildMetadata(json: unknown): BuildMetadata {
  const raw = isPlainObject(json) ? json : {};
  const metadata: BuildMetadata = { raw };
  const digest = stringField(raw, 'containerimage.digest');
  const configDigest = stringField(raw, 'containerimage.config.digest');
  const imageName = stringField(raw, 'image.name');
  const buildRef = stringField(raw, 'buildx.build.ref');
  if (digest !== undefined) metadata.digest = digest;
  if (configDigest !== undefined) metadata.configDigest = configDigest;
  if (imageName !== undefined) metadata.imageName = imageName;
  if (buildRef !== undefined) metadata.buildRef = buildRef;
  return metadata;
}

/**
 * Metadata of `docker buildx bake`: one object per target name. Top-level entries that are not
 * objects (e.g. a `buildx.build.warnings` list) are not targets and are skipped.
 */
export function parseBakeMetadata(json: unknown): Record<string, BuildMetadata> {
  const result: Record<string, BuildMetadata> = {};
  if (!isPlainObject(json)) return result;
  for (const [target, value] of Object.entries(json)) {
    if (isPlainObject(value)) result[target] = parseBuildMetadata(value);
  }
  return result;
}
