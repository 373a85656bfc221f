// A complete ImageConfig for unit tests, so fixtures stay valid as the config grows.
import type { ImageConfig } from '../../src/config/types.js';

export function makeImageConfig(name: string, overrides: Partial<ImageConfig> = {}): ImageConfig {
  return {
    name,
    context: `/p/${name}`,
    dockerfile: `/p/${name}/Dockerfile`,
    target: undefined,
    args: {},
    tags: [`localhost:5000/x/${name}:dev`],
    labels: {},
    platforms: [],
    dependsOn: [],
    secrets: {},
    pull: false,
    noCache: false,
    retry: { attempts: 1, initialDelayMs: 0, factor: 2, maxDelayMs: 0, jitter: 0 },
    timeoutMs: undefined,
    legacy: { degradeCacheMounts: false },
    cache: undefined,
    builder: undefined,
    network: undefined,
    line: undefined,
    scan: undefined,
    test: undefined,
    sign: true,
    ...overrides,
  };
}
