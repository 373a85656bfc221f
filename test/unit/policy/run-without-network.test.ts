import { describe, expect, it } from 'vitest';
import { checkRunWithoutNetwork, productionNetwork } from '../../../src/policy/rules/run-without-network.js';
import { PINNED_BASE, messages, policyProject, withConfig } from './policy-fixture.js';

describe('productionNetwork', () => {
  it.each([
    { network: undefined, expected: 'none' },
    { network: 'none' as const, expected: 'none' },
    { network: 'default' as const, expected: 'default' },
    { network: 'host' as const, expected: 'none' },
  ])('network: $network -> --network $expected', ({ network, expected }) => {
    expect(productionNetwork({ network })).toBe(expected);
  });
});

describe('run-without-network', () => {
  it.each([
    { case: 'no network requested', network: undefined, run: 'RUN true', violations: [], warnings: 0 },
    {
      case: 'RUN --network=none',
      network: undefined,
      run: 'RUN --network=none true',
      violations: [],
      warnings: 0,
    },
    {
      case: 'RUN --network=default without allowance',
      network: undefined,
      run: 'RUN --network=default wget http://x',
      violations: [
        'images.app: RUN --network=default (Dockerfile:2) asks for network access, which production builds do not allow for this image',
      ],
      warnings: 0,
    },
    {
      case: 'RUN --network=default with network: default',
      network: 'default',
      run: 'RUN --network=default wget http://x',
      violations: [],
      warnings: 1,
    },
    // host is reported by no-insecure-entitlements, not twice.
    {
      case: 'RUN --network=host',
      network: undefined,
      run: 'RUN --network=host true',
      violations: [],
      warnings: 0,
    },
  ])('$case', async ({ network, run, violations, warnings }) => {
    const patch = network === undefined ? {} : { images: { app: { network } } };
    const { context } = await policyProject(withConfig(patch), {
      Dockerfile: `FROM ${PINNED_BASE}\n${run}\n`,
    });
    const findings = checkRunWithoutNetwork(context);
    expect(messages(findings.violations)).toEqual(violations);
    expect(findings.warnings).toHaveLength(warnings);
  });

  it('lists an image allowed the network as a warning naming it', async () => {
    const { context } = await policyProject(withConfig({ images: { app: { network: 'default' } } }));
    const [warning] = checkRunWithoutNetwork(context).warnings;
    expect(warning?.message).toMatch(
      /^images\.app: RUN steps have network access \(network: default, imageforge\.yaml:\d+\)$/,
    );
    expect(warning?.rule).toBe('run-without-network');
  });
});
