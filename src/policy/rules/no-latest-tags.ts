// A `latest` (or missing) tag is mutable: a production image must be addressable by a tag that
// names exactly one build, so deployments and rollbacks know what they run.
import { imageConfigPlace } from '../policy-places.js';
import { emptyFindings, type PolicyContext, type PolicyFindings } from '../policy-types.js';

const RULE = 'no-latest-tags' as const;

/** The tag of a reference (`registry:5000/app:1.2` -> `1.2`), undefined when it has none. */
export function tagOf(reference: string): string | undefined {
  const named = reference.split('@')[0] ?? reference;
  const colon = named.lastIndexOf(':');
  return colon > named.lastIndexOf('/') ? named.slice(colon + 1) : undefined;
}

export function checkNoLatestTags(context: PolicyContext): PolicyFindings {
  const findings = emptyFindings();
  for (const image of context.images) {
    for (const reference of image.image.tags) {
      const tag = tagOf(reference);
      if (tag !== undefined && tag !== 'latest') continue;
      const place = imageConfigPlace(context, image, 'tags');
      const problem = tag === undefined ? 'has no tag (means latest)' : 'uses the mutable tag latest';
      findings.violations.push({
        rule: RULE,
        image: image.name,
        message: `images.${image.name}: tag ${reference} ${problem} (${place.text})`,
        location: place.location,
        hint: `give images.${image.name}.tags a version tag, e.g. \${VERSION} or the git commit; never latest`,
      });
    }
  }
  return findings;
}
