// The shapes every production-policy rule shares: what a rule reports (a violation refuses the
// build, a warning is shown and recorded) and the facts about the plan it judges.
import type { BuilderConfig, ImageConfig } from '../config/types.js';
import type { ParsedDockerfile } from '../dockerfile/index.js';
import type { SourceLocation } from '../errors/imageforge-error.js';
import type { PlannedImage } from '../plan/plan.js';

/** Stable rule ids: reports, audit records and docs/security.md refer to them. */
export const POLICY_RULES = [
  'no-insecure-entitlements',
  'run-without-network',
  'pinned-base-images',
  'provenance',
  'oci-labels',
  'no-latest-tags',
  'isolated-cache',
  'resource-limits',
] as const;

export type PolicyRuleId = (typeof POLICY_RULES)[number];

export interface PolicyViolation {
  rule: PolicyRuleId;
  /** The image concerned (its `images:` key), when the finding is about one image. */
  image?: string;
  /** The builder concerned, when the finding is about a builder. */
  builder?: string;
  /** One line naming the image/builder and the place, e.g. `images.app: FROM busybox:1.36 (app/Dockerfile:1) ...`. */
  message: string;
  location?: SourceLocation;
  /** What to change to satisfy the rule. */
  hint: string;
}

export interface PolicyFindings {
  violations: PolicyViolation[];
  warnings: PolicyViolation[];
}

export interface PolicyResult extends PolicyFindings {
  /** Unpinned base references resolved to a digest (pinMode `resolve`): ref -> `name@sha256:...`. */
  resolvedBaseImages: Record<string, string>;
}

/** A base image reference with the Dockerfile line that uses it. */
export interface ReferencedImage {
  ref: string;
  line: number;
  /** How the Dockerfile uses it: `FROM`, `COPY --from=`, `RUN --mount from=`. */
  via: 'FROM' | 'COPY --from=' | 'RUN --mount from=';
}

/** One planned image with the facts the rules need, read once. */
export interface PolicyImage {
  name: string;
  planned: PlannedImage;
  image: ImageConfig;
  parsed: ParsedDockerfile;
  /** The Dockerfile path relative to the project, for messages. */
  dockerfileLabel: string;
  /** External images the build reads (in-set FROM parents excluded: imageforge pins those). */
  externalImages: ReferencedImage[];
  /** `image.builder ?? settings.builder`; undefined = the current buildx builder. */
  builderName: string | undefined;
  /** The `builders:` entry of that builder, when it is declared there. */
  builder: BuilderConfig | undefined;
}

export interface PolicyContext {
  configFile: string;
  /** The config file relative to the working directory's project, for messages. */
  configLabel: string;
  images: PolicyImage[];
}

/** A synchronous rule: facts in, findings out. */
export type PolicyRule = (context: PolicyContext) => PolicyFindings;

export function emptyFindings(): PolicyFindings {
  return { violations: [], warnings: [] };
}
