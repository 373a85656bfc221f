// Docker-style image reference normalisation (distribution/reference ParseNormalizedNamed +
// TagNameOnly), so `busybox`, `docker.io/busybox` and `docker.io/library/busybox:latest` compare equal.

const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPOSITORY_PREFIX = 'library/';

/**
 * `busybox` -> `docker.io/library/busybox:latest`, `localhost:5000/x` -> `localhost:5000/x:latest`;
 * digests are kept (and no `latest` is added to a digest-only reference). Not a validator: odd
 * input is normalised as far as it goes, never rejected.
 */
export function normalizeImageRef(ref: string): string {
  const trimmed = ref.trim();
  if (trimmed === '') return trimmed;
  const at = trimmed.indexOf('@');
  const digest = at >= 0 ? trimmed.slice(at) : '';
  const named = at >= 0 ? trimmed.slice(0, at) : trimmed;
  const lastSlash = named.lastIndexOf('/');
  const colon = named.indexOf(':', lastSlash + 1);
  const tag = colon >= 0 ? named.slice(colon) : '';
  const name = colon >= 0 ? named.slice(0, colon) : named;
  const defaultTag = tag === '' && digest === '' ? ':latest' : '';
  return `${normalizeName(name)}${tag}${defaultTag}${digest}`;
}

/** `localhost:5000/jenkins/base:dev` -> `localhost:5000/jenkins/base` (tag and digest dropped, not normalised). */
export function repositoryOf(ref: string): string {
  const named = ref.split('@')[0] ?? ref;
  const lastSlash = named.lastIndexOf('/');
  const colon = named.indexOf(':', lastSlash + 1);
  return colon >= 0 ? named.slice(0, colon) : named;
}

function normalizeName(name: string): string {
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  // The first component is a registry when it looks like a host (ref: distribution/reference splitDockerDomain).
  const hasDomain =
    slash >= 0 &&
    (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase());
  let domain = hasDomain ? first : DEFAULT_DOMAIN;
  let remainder = hasDomain ? name.slice(slash + 1) : name;
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/'))
    remainder = OFFICIAL_REPOSITORY_PREFIX + remainder;
  return `${domain}/${remainder}`;
}
