// Stable error codes of cache governance (never renamed: pipelines match on them). Kept here until
// they move into src/errors/codes.ts with the rest.
export const CacheErrorCode = {
  RegistryRequestFailed: 'IMAGEFORGE_REGISTRY_REQUEST_FAILED',
  GitBranchesUnknown: 'IMAGEFORGE_GIT_BRANCHES_UNKNOWN',
  DaemonJsonInvalid: 'IMAGEFORGE_DAEMON_JSON_INVALID',
} as const;
