import { describe, expect, it } from 'vitest';
import { exitCodeForError } from '../../../src/cli/exit-code.js';
import { renderError } from '../../../src/cli/render-error.js';
import { AggregateImageforgeError } from '../../../src/errors/imageforge-error.js';
import { assertProductionPolicy, checkProductionPolicy, PolicyErrorCode } from '../../../src/policy/index.js';
import { policyProject, withConfig } from './policy-fixture.js';

async function refusal(promise: Promise<unknown>): Promise<AggregateImageforgeError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AggregateImageforgeError);
  return error as AggregateImageforgeError;
}

describe('production policy', () => {
  it('lets a hardened config through with nothing to report', async () => {
    const { plan } = await policyProject();
    expect(await assertProductionPolicy(plan)).toEqual({
      violations: [],
      warnings: [],
      resolvedBaseImages: {},
    });
  });

  it('refuses an image that requests network: host and has an unpinned base, naming both', async () => {
    const { plan } = await policyProject(withConfig({ images: { app: { network: 'host' } } }), {
      Dockerfile: 'FROM busybox:1.36\nRUN true\n',
    });
    const error = await refusal(assertProductionPolicy(plan));
    expect(error.code).toBe(PolicyErrorCode.PolicyViolation);
    expect(error.category).toBe('config');
    expect(exitCodeForError(error)).toBe(2);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('the production policy refuses this build (2 violations):');
    expect(lines[1]).toMatch(
      /^ {2}images\.app: network: host \(imageforge\.yaml:\d+\) gives RUN steps the host network \[no-insecure-entitlements\]$/,
    );
    expect(lines[2]).toBe(
      '  images.app: FROM busybox:1.36 (Dockerfile:1) is not pinned by digest [pinned-base-images]',
    );
    expect(error.problems.map((problem) => problem.code)).toEqual([
      PolicyErrorCode.PolicyViolation,
      PolicyErrorCode.PolicyViolation,
    ]);
  });

  it('renders one line per violation and one hint per rule', async () => {
    const { plan } = await policyProject(withConfig({ images: { app: { network: 'host' } } }), {
      Dockerfile: 'FROM busybox:1.36\nRUN true\n',
    });
    const text = renderError(await refusal(assertProductionPolicy(plan)));
    const lines = text.split('\n');
    expect(lines[0]).toBe('imageforge: the production policy refuses this build (2 violations):');
    expect(lines[1]).toMatch(/^ {2}images\.app: network: host .* \[no-insecure-entitlements\]$/);
    expect(lines[2]).toBe(
      '  images.app: FROM busybox:1.36 (Dockerfile:1) is not pinned by digest [pinned-base-images]',
    );
    expect(lines[3]).toBe('hint: docs/security.md explains each rule; to satisfy them:');
    expect(lines[4]).toMatch(/^ {2}no-insecure-entitlements: remove `network: host`/);
    expect(lines[5]).toMatch(
      /^ {2}pinned-base-images: write FROM busybox:1\.36@sha256:<digest> \(docker buildx imagetools inspect busybox:1\.36 shows it\)/,
    );
    expect(lines.at(-1)).toBe('(IMAGEFORGE_POLICY_VIOLATION)');
  });

  it("a single violation carries that rule's hint", async () => {
    const { plan } = await policyProject(
      withConfig({ images: { app: { tags: ['localhost:5000/team/app:latest'] } } }),
    );
    const error = await refusal(assertProductionPolicy(plan));
    expect(error.problems).toHaveLength(1);
    expect(error.hint).toMatch(/^give images\.app\.tags a version tag/);
    expect(renderError(error).split('\n')[0]).toMatch(
      /^imageforge: images\.app: tag localhost:5000\/team\/app:latest uses the mutable tag latest \(imageforge\.yaml:\d+\) \[no-latest-tags\]$/,
    );
  });

  it('reports every rule in a stable order and keeps warnings apart', async () => {
    const config = withConfig({
      settings: { builder: null },
      defaults: null,
      builders: null,
      images: { app: { tags: null, network: 'default', cache: { registry: 'localhost:5000/cache' } } },
    });
    const { plan } = await policyProject(config, {
      Dockerfile: 'FROM busybox:1.36\nRUN --network=host true\n',
    });
    const result = await checkProductionPolicy(plan, { buildArgs: [] });
    expect(result.violations.map((violation) => violation.rule)).toEqual([
      'no-insecure-entitlements',
      'pinned-base-images',
      'provenance',
      'oci-labels',
      'no-latest-tags',
      'isolated-cache',
      'resource-limits',
    ]);
    expect(result.warnings.map((warning) => warning.rule)).toEqual(['run-without-network', 'isolated-cache']);
  });

  it('passes resolved base images through when the pin mode is resolve', async () => {
    const { plan } = await policyProject(withConfig({}), { Dockerfile: 'FROM busybox:1.36\n' });
    const digest = `sha256:${'cd'.repeat(32)}`;
    const result = await assertProductionPolicy(plan, {
      pinMode: 'resolve',
      resolveUnpinned: () => Promise.resolve(digest),
    });
    expect(result.resolvedBaseImages).toEqual({ 'busybox:1.36': `busybox:1.36@${digest}` });
    expect(result.warnings.map((warning) => warning.rule)).toEqual(['pinned-base-images']);
  });
});
