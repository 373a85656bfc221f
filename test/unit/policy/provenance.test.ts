import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  checkProvenance,
  checkProvenanceMetadata,
  productionBuildArgs,
  requestsMaxProvenance,
} from '../../../src/policy/rules/provenance.js';
import { messages, policyProject, withConfig } from './policy-fixture.js';

describe('provenance', () => {
  it('asks buildx for max-mode provenance', () => {
    expect(productionBuildArgs()).toEqual(['--provenance=mode=max']);
    expect(requestsMaxProvenance(productionBuildArgs())).toBe(true);
  });

  it.each([
    { args: ['--provenance=mode=max'], expected: true },
    { args: ['--attest=type=provenance,mode=max'], expected: true },
    { args: ['--provenance=mode=min'], expected: false },
    { args: ['--provenance=true'], expected: false },
    { args: ['--provenance=mode=max', '--provenance=false'], expected: false },
    { args: ['--attest=type=provenance,mode=max,disabled=true'], expected: false },
    { args: ['--load'], expected: false },
  ])('$args -> max provenance: $expected', ({ args, expected }) => {
    expect(requestsMaxProvenance(args)).toBe(expected);
  });

  it('refuses a run whose flags do not request provenance', async () => {
    const { context } = await policyProject(withConfig({}));
    expect(checkProvenance(context).violations).toEqual([]);
    expect(messages(checkProvenance(context, { buildArgs: ['--provenance=false'] }).violations)).toEqual([
      "the run's buildx flags (--provenance=false) do not request provenance attestations (mode=max)",
    ]);
  });

  it('finds the provenance in a metadata file recorded from a real build (buildx 0.29, docker driver)', async () => {
    const metadata: unknown = JSON.parse(
      await readFile(new URL('fixtures/provenance-metadata.json', import.meta.url), 'utf8'),
    );
    expect(checkProvenanceMetadata('app', metadata)).toBeUndefined();
  });

  it('reports a build whose metadata has no provenance', () => {
    expect(checkProvenanceMetadata('app', { 'containerimage.digest': 'sha256:00' })?.message).toBe(
      'images.app: the build produced no provenance attestation (no buildx.build.provenance in its metadata)',
    );
    expect(checkProvenanceMetadata('app', undefined)?.rule).toBe('provenance');
  });
});
