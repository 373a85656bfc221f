import { describe, expect, it } from 'vitest';
import { getBuildCommand, formatCommand } from '../../../src/buildx/build-command.js';
import type { ImageConfig } from '../../../src/config/types.js';
import { makeImageConfig } from '../../support/image-config.js';

const image: ImageConfig = makeImageConfig('controller', {
  context: '/p/controller',
  dockerfile: '/p/controller/Dockerfile',
  target: 'runtime',
  args: { VERSION: '2', A: 'x y' },
  tags: ['localhost:5000/jenkins/controller:dev'],
  labels: { 'org.opencontainers.image.revision': 'abc' },
  platforms: ['linux/amd64', 'linux/arm64'],
  secrets: { npmrc: { file: '/p/npmrc' }, token: { env: 'GH_TOKEN' } },
  noCache: true,
  line: 3,
});

describe('getBuildCommand', () => {
  it('builds the exact buildx argv', () => {
    const command = getBuildCommand({
      image,
      builder: 'prod',
      metadataFile: '/run/m.json',
      output: 'load',
      contexts: [
        {
          name: 'localhost:5000/jenkins/base:dev',
          value: 'docker-image://localhost:5000/jenkins/base:dev@sha256:abc',
        },
      ],
    });
    expect(command.command).toBe('docker');
    expect(command.args).toEqual([
      'buildx',
      'build',
      '--progress=rawjson',
      '--builder',
      'prod',
      '--metadata-file',
      '/run/m.json',
      '--file',
      '/p/controller/Dockerfile',
      '--target',
      'runtime',
      '--build-arg',
      'A=x y',
      '--build-arg',
      'VERSION=2',
      '--label',
      'org.opencontainers.image.revision=abc',
      '--tag',
      'localhost:5000/jenkins/controller:dev',
      '--platform',
      'linux/amd64,linux/arm64',
      '--secret',
      'id=npmrc,src=/p/npmrc',
      '--secret',
      'id=token,env=GH_TOKEN',
      '--build-context',
      'localhost:5000/jenkins/base:dev=docker-image://localhost:5000/jenkins/base:dev@sha256:abc',
      '--no-cache',
      '--load',
      '/p/controller',
    ]);
  });

  it('passes secrets by reference only', () => {
    const text = formatCommand(getBuildCommand({ image, output: 'push' }));
    expect(text).toContain('id=token,env=GH_TOKEN');
    expect(text).toContain('--push');
    expect(text).toContain("'A=x y'");
  });
});
