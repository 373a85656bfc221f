// Production images carry a SLSA provenance attestation (mode=max: build args, base image digests,
// Dockerfile source map), so anyone can check how an image was built and from what.
import {
  emptyFindings,
  type PolicyContext,
  type PolicyFindings,
  type PolicyViolation,
} from '../policy-types.js';

const RULE = 'provenance' as const;
const HINT = 'pass --provenance=mode=max (productionBuildArgs()) to every production build';

/**
 * Flags a production `docker buildx build` / `bake` adds. Verified on the docker driver with the
 * containerd image store (buildx 0.29): `--load` keeps the attestation manifest in the image index
 * and the metadata file gains `buildx.build.provenance`. No `--sbom`: the SBOM scanner is an image
 * pulled at build time, which an offline production builder cannot do.
 */
export function productionBuildArgs(): string[] {
  return ['--provenance=mode=max'];
}

/** Whether buildx flags request max-mode provenance (and nothing later turns it off). */
export function requestsMaxProvenance(args: string[]): boolean {
  let mode: string | undefined;
  for (const arg of args) {
    const value = /^--provenance=(.*)$/.exec(arg)?.[1];
    const attest = /^--attest=(.*type=provenance.*)$/.exec(arg)?.[1];
    const options = value ?? attest;
    if (options === undefined) continue;
    if (/^(false|0)$/i.test(options) || /disabled=true/i.test(options)) mode = 'off';
    else mode = /(^|,)mode=max($|,)/.test(options) ? 'max' : 'min';
  }
  return mode === 'max';
}

export interface ProvenanceOptions {
  /** The buildx flags the run adds to every build; default productionBuildArgs(). */
  buildArgs?: string[];
}

export function checkProvenance(context: PolicyContext, options: ProvenanceOptions = {}): PolicyFindings {
  const findings = emptyFindings();
  const args = options.buildArgs ?? productionBuildArgs();
  if (requestsMaxProvenance(args) || context.images.length === 0) return findings;
  findings.violations.push({
    rule: RULE,
    message: `the run's buildx flags (${args.join(' ') || 'none'}) do not request provenance attestations (mode=max)`,
    hint: HINT,
  });
  return findings;
}

/**
 * After a build: its metadata file (`--metadata-file`; for bake, the target's entry) must show the
 * provenance BuildKit attached. Undefined when it does.
 */
export function checkProvenanceMetadata(image: string, metadata: unknown): PolicyViolation | undefined {
  const provenance =
    typeof metadata === 'object' && metadata !== null
      ? (metadata as Record<string, unknown>)['buildx.build.provenance']
      : undefined;
  if (typeof provenance === 'object' && provenance !== null) return undefined;
  return {
    rule: RULE,
    image,
    message: `images.${image}: the build produced no provenance attestation (no buildx.build.provenance in its metadata)`,
    hint: `${HINT}; the builder must store attestations (docker driver: containerd image store) and BUILDX_METADATA_PROVENANCE must not be disabled`,
  };
}
