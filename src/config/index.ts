// Public surface of the config module: load imageforge.yaml into a ResolvedConfig, plus the helpers
// the CLI and other modules share (JSON schema, git facts, durations).
export { loadConfig, DEFAULT_CONFIG_FILE } from './load-config.js';
export type { LoadConfigOptions } from './load-config.js';
export { configJsonSchema } from './config-json-schema.js';
export { getGitInfo, toSourceUrl } from './git-info.js';
export type { GitInfo } from './git-info.js';
export { parseDuration, tryParseDuration } from './duration.js';
export { interpolate } from './interpolate.js';
export { checkImageReference, checkPlatform } from './docker-reference.js';
export { DEFAULT_RETRY } from './resolve-image.js';
export { OCI_LABEL } from './oci-labels.js';
export type * from './types.js';
