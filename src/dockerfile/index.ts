// The Dockerfile module's public surface: parsing, base-image resolution and classic-builder checks.
export type {
  DockerfileInstruction,
  DockerfileStage,
  GlobalArgDefinition,
  ParsedDockerfile,
} from './parsed-dockerfile.js';
export { parseDockerfile, readDockerfile } from './parse-dockerfile.js';
export { resolveBaseImages, resolveGlobalArgScope, type BaseImageReference } from './resolve-base-images.js';
export { expandVariables, type VariableScope } from './expand-variables.js';
export { findBuildkitOnlySyntax, type LegacyIncompatibility } from './buildkit-only-syntax.js';
export {
  assertLegacyCompatible,
  degradeForLegacy,
  type DegradedDockerfile,
  type LegacyCompatibilityOptions,
} from './legacy-compatibility.js';
