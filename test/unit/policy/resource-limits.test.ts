import { describe, expect, it } from 'vitest';
import { checkResourceLimits } from '../../../src/policy/rules/resource-limits.js';
import { messages, policyProject, withConfig } from './policy-fixture.js';

describe('resource-limits', () => {
  it.each([
    { case: 'memory and CPU limits', patch: {}, expected: [] },
    {
      case: 'the current buildx builder',
      patch: { settings: { builder: null } },
      expected: [
        'images.app: built on the current buildx builder, which declares no resource limits (imageforge.yaml)',
      ],
    },
    {
      case: 'a builder not declared under builders:',
      patch: { images: { app: { builder: 'ci' } } },
      expected: [
        'builders.ci: not declared under `builders:` (imageforge.yaml), so no resource limits apply to images.app',
      ],
    },
    {
      case: 'no CPU limit',
      patch: { builders: { prod: { resources: { cpus: null } } } },
      expected: ['builders.prod: no cpus limit for build steps (imageforge.yaml), used by images.app'],
    },
    {
      case: 'no resources at all',
      patch: { builders: { prod: { resources: null } } },
      expected: [
        'builders.prod: no memory or cpus limit for build steps (imageforge.yaml), used by images.app',
      ],
    },
  ])('$case', async ({ patch, expected }) => {
    const { context } = await policyProject(withConfig(patch));
    const findings = checkResourceLimits(context);
    expect(messages(findings.violations)).toEqual(expected);
  });

  it('reports a builder once, naming every image on it', async () => {
    const config = withConfig({
      builders: { prod: { resources: null } },
      images: { other: { context: 'other', tags: ['localhost:5000/team/other:1.0'] } },
    });
    const { context } = await policyProject(config, { 'other/Dockerfile': 'FROM scratch\n' });
    expect(messages(checkResourceLimits(context).violations)).toEqual([
      'builders.prod: no memory or cpus limit for build steps (imageforge.yaml), used by images.app, images.other',
    ]);
  });
});
