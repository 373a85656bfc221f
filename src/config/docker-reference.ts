// Checks image tags and platforms the way docker/buildx would, so a bad tag fails at config load
// with its file and line rather than minutes later inside `docker buildx build`.
// Grammar: https://github.com/distribution/reference/blob/main/reference.go

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const REFERENCE = new RegExp(`^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?$`);
const MAX_NAME_LENGTH = 255;

/** A problem with an image reference such as `localhost:5000/jenkins/controller:2.4`, or undefined. */
export function checkImageReference(reference: string): string | undefined {
  if (reference.includes('@')) return 'digests cannot be used as build tags; use `name:tag`';
  const match = REFERENCE.exec(reference);
  if (match === null) {
    if (REFERENCE.test(lowercaseRepository(reference))) return 'repository name must be lowercase';
    return 'not a valid image reference; expected `[registry[:port]/]path[:tag]`, e.g. `localhost:5000/team/app:1.0`';
  }
  const name = (match[1] === undefined ? '' : `${match[1]}/`) + (match[2] ?? '');
  if (name.length > MAX_NAME_LENGTH) return `repository name is longer than ${MAX_NAME_LENGTH} characters`;
  return undefined;
}

function lowercaseRepository(reference: string): string {
  const tagAt = reference.lastIndexOf(':');
  const slashAt = reference.lastIndexOf('/');
  const hasTag = tagAt > slashAt;
  const name = hasTag ? reference.slice(0, tagAt) : reference;
  const tag = hasTag ? reference.slice(tagAt) : '';
  const firstSlash = name.indexOf('/');
  if (firstSlash < 0) return name.toLowerCase() + tag;
  // Registry hosts may contain capitals; only the path must be lowercase.
  return name.slice(0, firstSlash + 1) + name.slice(firstSlash + 1).toLowerCase() + tag;
}

const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;

/** A problem with a platform such as `linux/arm64/v8`, or undefined. */
export function checkPlatform(platform: string): string | undefined {
  return PLATFORM.test(platform)
    ? undefined
    : 'expected `os/arch[/variant]`, e.g. `linux/amd64` or `linux/arm64/v8`';
}
