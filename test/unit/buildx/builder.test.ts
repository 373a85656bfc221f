import { describe, expect, it } from 'vitest';
import { parseBuilderInspect, parseBuilderList } from '../../../src/buildx/builder.js';
import { parseBuildxVersion, versionSatisfies, supports } from '../../../src/buildx/buildx-version.js';

// Recorded from buildx 0.29.1 against Docker Engine 28.5.2.
const inspect = `Name:          default
Driver:        docker
Last Activity: 2026-11-21 12:21:39 +0000 UTC

Nodes:
Name:             default
Endpoint:         default
Status:           running
BuildKit version: v0.0.0+unknown
Platforms:        linux/amd64, linux/amd64/v2, linux/arm64
`;
const ls = `{"Current":true,"Driver":"docker","Dynamic":false,"Name":"default","Nodes":[{"Endpoint":"default","Name":"default","Platforms":["linux/amd64","linux/arm64"],"Status":"running","Version":"v0.0.0+unknown"}]}`;

describe('buildx parsing', () => {
  it('parses buildx inspect text', () => {
    expect(parseBuilderInspect(inspect)).toEqual({
      name: 'default',
      driver: 'docker',
      current: true,
      nodes: [
        {
          name: 'default',
          endpoint: 'default',
          status: 'running',
          buildkitVersion: 'v0.0.0+unknown',
          platforms: ['linux/amd64', 'linux/amd64/v2', 'linux/arm64'],
        },
      ],
    });
  });

  it('parses buildx ls --format json', () => {
    const [builder] = parseBuilderList(ls);
    expect(builder?.driver).toBe('docker');
    expect(builder?.nodes[0]?.platforms).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it('parses Debian and upstream version strings and gates features', () => {
    expect(parseBuildxVersion('github.com/docker/buildx 0.29.1+ds1 0.29.1+ds1-4')?.version).toBe('0.29.1');
    expect(
      parseBuildxVersion('github.com/docker/buildx v0.13.1 788433953af10f2a698f5c07611dcf7e2baa6c5e')
        ?.version,
    ).toBe('0.13.1');
    expect(versionSatisfies('0.13.1', '>=0.20.0')).toBe(false);
    expect(supports('0.29.1', 'duFormatJson')).toBe(true);
    expect(supports(undefined, 'rawjsonProgress')).toBe(false);
  });
});
