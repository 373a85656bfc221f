import { describe, expect, it } from 'vitest';
import { checkOciLabels } from '../../../src/policy/rules/oci-labels.js';
import { policyProject, withConfig } from './policy-fixture.js';

describe('oci-labels', () => {
  it('accepts an image with every required label', async () => {
    const { context } = await policyProject(withConfig({}));
    expect(checkOciLabels(context)).toEqual({ violations: [], warnings: [] });
  });

  it('names the labels git would have filled in outside a git checkout', async () => {
    const { context } = await policyProject(withConfig({ defaults: null }));
    const [violation, ...rest] = checkOciLabels(context).violations;
    expect(rest).toEqual([]);
    expect(violation?.message).toMatch(
      /^images\.app: missing OCI labels org\.opencontainers\.image\.revision, org\.opencontainers\.image\.source \(imageforge\.yaml:\d+\)$/,
    );
    expect(violation?.hint).toMatch(/git checkout with an origin remote/);
  });

  it('treats an empty label as missing', async () => {
    const patch = { images: { app: { labels: { 'org.opencontainers.image.title': '' } } } };
    const { context } = await policyProject(withConfig(patch));
    const [violation] = checkOciLabels(context).violations;
    expect(violation?.message).toMatch(/^images\.app: missing OCI label org\.opencontainers\.image\.title /);
    expect(violation?.hint).toBe('set org.opencontainers.image.title under images.app.labels');
  });
});
