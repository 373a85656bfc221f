// Every production image says what it is and where it came from (OCI annotations), so an image
// found in a registry or a cluster can be traced back to its commit and source repository.
import { OCI_LABEL } from '../../config/oci-labels.js';
import { imageConfigPlace } from '../policy-places.js';
import { emptyFindings, type PolicyContext, type PolicyFindings } from '../policy-types.js';

const RULE = 'oci-labels' as const;

export const REQUIRED_OCI_LABELS = [OCI_LABEL.created, OCI_LABEL.revision, OCI_LABEL.source, OCI_LABEL.title];

export function checkOciLabels(context: PolicyContext): PolicyFindings {
  const findings = emptyFindings();
  for (const image of context.images) {
    const missing = REQUIRED_OCI_LABELS.filter((label) => (image.image.labels[label] ?? '').trim() === '');
    if (missing.length === 0) continue;
    const place = imageConfigPlace(context, image, 'labels');
    const fromGit = missing.includes(OCI_LABEL.revision) || missing.includes(OCI_LABEL.source);
    findings.violations.push({
      rule: RULE,
      image: image.name,
      message: `images.${image.name}: missing OCI label${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (${place.text})`,
      location: place.location,
      hint: fromGit
        ? 'imageforge fills revision and source from git (HEAD commit, `origin` remote): build from a git checkout with an origin remote, or set them under images.<name>.labels'
        : `set ${missing.join(', ')} under images.${image.name}.labels`,
    });
  }
  return findings;
}
