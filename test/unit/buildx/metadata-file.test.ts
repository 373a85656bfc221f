// Metadata files written by real buildx 0.29.1 builds and bakes.
import { describe, expect, it } from 'vitest';
import { parseBakeMetadata, parseBuildMetadata } from '../../../src/buildx/metadata-file.js';
import { readJsonFixture } from './fixtures.js';

describe('parseBuildMetadata', () => {
  it('reads digest, image name and build ref of a loaded image with attestations', () => {
    const metadata = parseBuildMetadata(readJsonFixture('ms-uncached.metadata.json'));
    expect(metadata).toMatchObject({
      digest: 'sha256:b78bac4eb3a53675431281806df30724bddb9a22cf36062df96d46f74c1f79e8',
      imageName: 'docker.io/imageforge-rec/ms:1',
      buildRef: 'default/default/jb3yj1cbutf429vzhgvs45ox7',
    });
    // An index (image + provenance attestation) has no single config digest.
    expect(metadata.configDigest).toBeUndefined();
    expect(metadata.raw).toHaveProperty('buildx.build.provenance');
  });

  it('reads the config digest of a single-manifest image (--provenance=false)', () => {
    expect(parseBuildMetadata(readJsonFixture('no-provenance.metadata.json'))).toMatchObject({
      digest: 'sha256:84a9c863dc0ace02fea34cf4b3617c747de3fcae28c0b72d7ac733854e80b614',
      configDigest: 'sha256:ef8312e455e0eb9b7f731e1e84e587dfeb87fc93f227ec11405971440decd439',
    });
  });

  it('reads the pushed name and the cache manifest stays in raw', () => {
    expect(parseBuildMetadata(readJsonFixture('push-ok.metadata.json')).imageName).toBe(
      'localhost:5000/imageforge-rec/ms:rec',
    );
    expect(parseBuildMetadata(readJsonFixture('cache-export.metadata.json')).raw).toHaveProperty(
      'cache.manifest',
    );
  });

  it('names untagged images moby-dangling', () => {
    expect(parseBuildMetadata(readJsonFixture('warn.metadata.json')).imageName).toMatch(
      /^moby-dangling@sha256:/,
    );
  });

  it.each([[null], [undefined], ['text'], [[1, 2]], [42]])('reads %j as empty', (json) => {
    expect(parseBuildMetadata(json)).toEqual({ raw: {} });
  });

  it('ignores fields of the wrong type', () => {
    expect(parseBuildMetadata({ 'containerimage.digest': 5, 'image.name': '' })).toEqual({
      raw: { 'containerimage.digest': 5, 'image.name': '' },
    });
  });
});

describe('parseBakeMetadata', () => {
  it('keys metadata by target', () => {
    const byTarget = parseBakeMetadata(readJsonFixture('bake.metadata.json'));
    expect(Object.keys(byTarget).sort()).toEqual(['app', 'tool']);
    expect(byTarget.app).toMatchObject({
      digest: 'sha256:8d654860aa29b9deceb436b08cf455191e44fab81826245046882d2b69f06d39',
      imageName: 'docker.io/imageforge-rec/bake-app:1',
    });
    expect(byTarget.tool?.imageName).toBe('docker.io/imageforge-rec/bake-tool:1');
  });

  it('reads targets without an image (cacheonly output) as build ref only', () => {
    const byTarget = parseBakeMetadata(readJsonFixture('bake-shared.metadata.json'));
    expect(byTarget.a?.digest).toBeUndefined();
    expect(byTarget.a?.buildRef).toBe('default/default/hjbo7lk7z69zzluv9vhsoyfn3');
  });

  it('skips top-level entries that are not targets', () => {
    expect(Object.keys(parseBakeMetadata({ app: {}, 'buildx.build.warnings': [{ short: 'x' }] }))).toEqual([
      'app',
    ]);
    expect(parseBakeMetadata(null)).toEqual({});
  });
});
