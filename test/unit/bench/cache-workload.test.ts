import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDockerHost } from '../../../bench/lib/engine-lifecycle.js';
import {
  CACHE_IMAGE_NAMES,
  cacheWorkloadFiles,
  toolchainDockerfile,
  writeFiles,
} from '../../../bench/workloads/cache-workload.js';

const options = {
  registryHost: 'localhost:41234',
  toolchainRepository: 'bench-cache/toolchain:1',
  cacheRegistry: 'localhost:41234/bench-cache-20261121t130501-3f9a',
  tag: 'bench',
};

describe('cacheWorkloadFiles', () => {
  it('writes an imageforge.yaml with the run’s cache prefix and one context per image', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'cache-workload-'));
    try {
      await writeFiles(directory, cacheWorkloadFiles(options));
      const yaml = await readFile(path.join(directory, 'imageforge.yaml'), 'utf8');
      expect(yaml).toContain(
        'cache: { registry: localhost:41234/bench-cache-20261121t130501-3f9a, mode: max }',
      );
      for (const name of CACHE_IMAGE_NAMES) {
        expect(yaml).toContain(`${name}: { context: ${name}, tags: ['bench-cache-set/${name}:bench'] }`);
        const dockerfile = await readFile(path.join(directory, name, 'Dockerfile'), 'utf8');
        expect(dockerfile).toMatch(/^FROM localhost:41234\/bench-cache\/toolchain:1 AS build$/m);
        expect(dockerfile).toMatch(/^FROM localhost:41234\/base\/busybox:latest$/m);
        expect(dockerfile).toContain('COPY --from=build /out/ /app/');
        expect(dockerfile.match(/RUN sleep 2/g)).toHaveLength(2);
        expect(await readFile(path.join(directory, name, 'src', 'main.sh'), 'utf8')).toContain(name);
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('puts 40 MiB of incompressible data into the toolchain', () => {
    expect(toolchainDockerfile('localhost:5000/base/busybox:latest')).toContain(
      'head -c 41943040 /dev/urandom > /opt/toolchain/blob.bin',
    );
  });
});

describe('parseDockerHost', () => {
  it('reads DOCKER_HOST from scripts/engine.sh output', () => {
    const output = [
      'export DOCKER_HOST=unix:///work/main/.engine/bench-cache-b/docker.sock',
      'export IMAGEFORGE_REGISTRY=localhost:5000',
      '',
    ].join('\n');
    expect(parseDockerHost(output)).toBe('unix:///work/main/.engine/bench-cache-b/docker.sock');
    expect(parseDockerHost('[engine] error: x')).toBeUndefined();
  });
});
