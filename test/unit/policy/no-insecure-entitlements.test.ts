import { describe, expect, it } from 'vitest';
import { checkNoInsecureEntitlements } from '../../../src/policy/rules/no-insecure-entitlements.js';
import { PINNED_BASE, messages, policyProject, withConfig } from './policy-fixture.js';

describe('no-insecure-entitlements', () => {
  it.each([
    { case: 'a clean production config', patch: {}, dockerfile: undefined, expected: [] },
    {
      case: 'a builder allowing entitlements',
      patch: { builders: { prod: { buildkitd: { entitlements: ['network.host', 'security.insecure'] } } } },
      dockerfile: undefined,
      expected: [
        'builders.prod: buildkitd.entitlements allows network.host, security.insecure (imageforge.yaml), used by images.app',
      ],
    },
    {
      case: 'an unused builder allowing entitlements',
      patch: { builders: { dev: { buildkitd: { entitlements: ['network.host'] } } } },
      dockerfile: undefined,
      expected: [],
    },
    {
      case: 'RUN --network=host',
      patch: {},
      dockerfile: `FROM ${PINNED_BASE}\nRUN --network=host wget http://x\n`,
      expected: ['images.app: RUN --network=host (Dockerfile:2) needs an insecure entitlement'],
    },
    {
      case: 'RUN --security=insecure',
      patch: {},
      dockerfile: `FROM ${PINNED_BASE}\nRUN true\nRUN --security=insecure mount -t tmpfs none /mnt\n`,
      expected: ['images.app: RUN --security=insecure (Dockerfile:3) needs an insecure entitlement'],
    },
  ])('$case', async ({ patch, dockerfile, expected }) => {
    const files: Record<string, string> = dockerfile === undefined ? {} : { Dockerfile: dockerfile };
    const { context } = await policyProject(withConfig(patch), files);
    const findings = checkNoInsecureEntitlements(context);
    expect(messages(findings.violations)).toEqual(expected);
    expect(findings.warnings).toEqual([]);
  });

  it('names the image and its config line for network: host', async () => {
    const { context, dir } = await policyProject(withConfig({ images: { app: { network: 'host' } } }));
    const [violation, ...rest] = checkNoInsecureEntitlements(context).violations;
    expect(rest).toEqual([]);
    expect(violation?.message).toMatch(
      /^images\.app: network: host \(imageforge\.yaml:\d+\) gives RUN steps the host network$/,
    );
    expect(violation?.image).toBe('app');
    expect(violation?.location).toMatchObject({ file: `${dir}/imageforge.yaml`, path: 'images.app.network' });
  });

  it('points at the Dockerfile line of an insecure RUN', async () => {
    const dockerfile = `FROM ${PINNED_BASE}\nRUN --network=host true\n`;
    const { context, dir } = await policyProject(withConfig({}), { Dockerfile: dockerfile });
    const [violation] = checkNoInsecureEntitlements(context).violations;
    expect(violation?.location).toEqual({ file: `${dir}/Dockerfile`, line: 2 });
  });
});
