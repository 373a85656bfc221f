// A tag can be moved to different content at any time: production builds read external images only
// by digest, or (pinMode `resolve`) resolve each tag to a digest once, record it and build from it.
import type { NamedContext } from '../../buildx/build-command.js';
import { errorText } from '../policy-text.js';
import { dockerfilePlace } from '../policy-places.js';
import type { PolicyContext, PolicyResult, ReferencedImage } from '../policy-types.js';

const RULE = 'pinned-base-images' as const;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const PINNED = /@sha256:[0-9a-f]{64}$/;

export type PinMode = 'require' | 'resolve';

export interface PinnedBaseImagesOptions {
  /** require (default): an unpinned reference is a violation. resolve: resolve, record, warn. */
  pinMode?: PinMode;
  /** The digest (`sha256:...`) or pinned reference a tag points to now; undefined if unknown. */
  resolveUnpinned?: (ref: string) => Promise<string | undefined>;
}

export function isPinnedReference(ref: string): boolean {
  return PINNED.test(ref);
}

export async function checkPinnedBaseImages(
  context: PolicyContext,
  options: PinnedBaseImagesOptions = {},
): Promise<PolicyResult> {
  const result: PolicyResult = { violations: [], warnings: [], resolvedBaseImages: {} };
  const resolutions = new Map<string, Promise<Resolution>>();
  for (const image of context.images) {
    for (const reference of image.externalImages) {
      if (isPinnedReference(reference.ref)) continue;
      const place = dockerfilePlace(image, reference.line);
      const subject = `images.${image.name}: ${usage(reference, reference.ref)} (${place.text})`;
      const base = { rule: RULE, image: image.name, location: place.location };
      if (options.pinMode !== 'resolve' || options.resolveUnpinned === undefined) {
        result.violations.push({
          ...base,
          message: `${subject} is not pinned by digest`,
          hint: pinHint(reference),
        });
        continue;
      }
      let resolution = resolutions.get(reference.ref);
      if (resolution === undefined) {
        resolution = resolve(reference.ref, options.resolveUnpinned);
        resolutions.set(reference.ref, resolution);
      }
      const resolved = await resolution;
      if ('pinned' in resolved) {
        result.resolvedBaseImages[reference.ref] = resolved.pinned;
        result.warnings.push({
          ...base,
          message: `${subject} is not pinned; resolved to ${resolved.pinned} and recorded`,
          hint: pinHint(reference),
        });
      } else {
        result.violations.push({
          ...base,
          message: `${subject} is not pinned by digest and could not be resolved (${resolved.problem})`,
          hint: pinHint(reference),
        });
      }
    }
  }
  return result;
}

type Resolution = { pinned: string } | { problem: string };

async function resolve(
  ref: string,
  resolveUnpinned: (ref: string) => Promise<string | undefined>,
): Promise<Resolution> {
  try {
    const answer = (await resolveUnpinned(ref))?.trim();
    if (answer === undefined || answer === '') return { problem: 'no digest found' };
    if (DIGEST.test(answer)) return { pinned: `${ref}@${answer}` };
    if (isPinnedReference(answer)) return { pinned: answer };
    return { problem: `unexpected digest ${answer}` };
  } catch (error: unknown) {
    return { problem: errorText(error) };
  }
}

/** `FROM busybox:1.36`, `COPY --from=alpine:3` */
function usage(reference: ReferencedImage, ref: string): string {
  return reference.via.endsWith('=') ? `${reference.via}${ref}` : `${reference.via} ${ref}`;
}

function pinHint(reference: ReferencedImage): string {
  const name = reference.ref.split('@')[0] ?? reference.ref;
  return `write ${usage(reference, `${name}@sha256:<digest>`)} (docker buildx imagetools inspect ${name} shows it)`;
}

/**
 * Build contexts that make a build read each resolved reference at its recorded digest. BuildKit
 * resolves only the contexts a Dockerfile uses, so every image of the run can get all of them.
 */
export function resolvedBaseImageContexts(resolved: Record<string, string>): NamedContext[] {
  return Object.entries(resolved).map(([name, pinned]) => ({ name, value: `docker-image://${pinned}` }));
}
