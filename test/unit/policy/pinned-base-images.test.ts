import { describe, expect, it } from 'vitest';
import {
  checkPinnedBaseImages,
  resolvedBaseImageContexts,
} from '../../../src/policy/rules/pinned-base-images.js';
import { DIGEST, PINNED_BASE, messages, policyProject, withConfig } from './policy-fixture.js';

describe('pinned-base-images (pin mode require)', () => {
  it.each([
    { case: 'a digest-pinned FROM', dockerfile: `FROM ${PINNED_BASE}\n`, expected: [] },
    { case: 'a tag and a digest', dockerfile: `FROM busybox:1.36@${DIGEST}\n`, expected: [] },
    { case: 'scratch', dockerfile: 'FROM scratch\nCOPY a /a\n', expected: [] },
    {
      case: 'a tagged FROM',
      dockerfile: 'FROM busybox:1.36\n',
      expected: ['images.app: FROM busybox:1.36 (Dockerfile:1) is not pinned by digest'],
    },
    {
      case: 'a FROM built from an ARG',
      dockerfile: 'ARG V=1.36\nFROM busybox:${V}\n',
      expected: ['images.app: FROM busybox:1.36 (Dockerfile:2) is not pinned by digest'],
    },
    {
      case: 'a digest that is too short',
      dockerfile: 'FROM busybox@sha256:abc\n',
      expected: ['images.app: FROM busybox@sha256:abc (Dockerfile:1) is not pinned by digest'],
    },
    {
      case: 'COPY --from an image and RUN --mount from an image',
      dockerfile: `FROM ${PINNED_BASE} AS build\nFROM ${PINNED_BASE}\nCOPY --from=build /a /a\nCOPY --from=alpine:3 /b /b\nRUN --mount=type=bind,from=tools:2,target=/t true\n`,
      expected: [
        'images.app: COPY --from=alpine:3 (Dockerfile:4) is not pinned by digest',
        'images.app: RUN --mount from=tools:2 (Dockerfile:5) is not pinned by digest',
      ],
    },
    {
      case: 'only the stages the target needs',
      dockerfile: `FROM busybox:1.36 AS unused\nFROM ${PINNED_BASE} AS final\n`,
      target: 'final',
      expected: [],
    },
  ])('$case', async ({ dockerfile, target, expected }) => {
    const patch = target === undefined ? {} : { images: { app: { target } } };
    const { context } = await policyProject(withConfig(patch), { Dockerfile: dockerfile });
    const result = await checkPinnedBaseImages(context);
    expect(messages(result.violations)).toEqual(expected);
    expect(result.warnings).toEqual([]);
  });

  it('accepts a parent built by the same set (imageforge pins it to the digest it built)', async () => {
    const config = withConfig({
      images: { base: { context: 'base', tags: ['localhost:5000/team/base:1.0'] } },
    });
    const { context } = await policyProject(config, {
      'base/Dockerfile': `FROM ${PINNED_BASE}\n`,
      Dockerfile: 'FROM localhost:5000/team/base:1.0\nRUN true\n',
    });
    expect((await checkPinnedBaseImages(context)).violations).toEqual([]);
  });
});

describe('pinned-base-images (pin mode resolve)', () => {
  const unpinned = { Dockerfile: 'FROM busybox:1.36\nCOPY --from=alpine:3 /a /a\n' };

  it('turns resolved references into warnings and records them', async () => {
    const { context } = await policyProject(withConfig({}), unpinned);
    const asked: string[] = [];
    const result = await checkPinnedBaseImages(context, {
      pinMode: 'resolve',
      resolveUnpinned: (ref) => {
        asked.push(ref);
        return Promise.resolve(ref === 'busybox:1.36' ? DIGEST : `alpine:3@${DIGEST}`);
      },
    });
    expect(result.violations).toEqual([]);
    expect(messages(result.warnings)).toEqual([
      `images.app: FROM busybox:1.36 (Dockerfile:1) is not pinned; resolved to busybox:1.36@${DIGEST} and recorded`,
      `images.app: COPY --from=alpine:3 (Dockerfile:2) is not pinned; resolved to alpine:3@${DIGEST} and recorded`,
    ]);
    expect(result.resolvedBaseImages).toEqual({
      'busybox:1.36': `busybox:1.36@${DIGEST}`,
      'alpine:3': `alpine:3@${DIGEST}`,
    });
    expect(asked).toEqual(['busybox:1.36', 'alpine:3']);
  });

  it('refuses references it cannot resolve, saying why', async () => {
    const { context } = await policyProject(withConfig({}), unpinned);
    const result = await checkPinnedBaseImages(context, {
      pinMode: 'resolve',
      resolveUnpinned: (ref) =>
        ref === 'busybox:1.36'
          ? Promise.resolve(undefined)
          : Promise.reject(new Error('registry said 401\nmore')),
    });
    expect(messages(result.violations)).toEqual([
      'images.app: FROM busybox:1.36 (Dockerfile:1) is not pinned by digest and could not be resolved (no digest found)',
      'images.app: COPY --from=alpine:3 (Dockerfile:2) is not pinned by digest and could not be resolved (registry said 401)',
    ]);
    expect(result.resolvedBaseImages).toEqual({});
  });

  it('resolves a reference shared by several images once', async () => {
    const config = withConfig({
      images: { other: { context: 'other', tags: ['localhost:5000/team/other:1.0'] } },
    });
    const { context } = await policyProject(config, {
      Dockerfile: 'FROM busybox:1.36\n',
      'other/Dockerfile': 'FROM busybox:1.36\n',
    });
    let calls = 0;
    const result = await checkPinnedBaseImages(context, {
      pinMode: 'resolve',
      resolveUnpinned: () => {
        calls += 1;
        return Promise.resolve(DIGEST);
      },
    });
    expect(calls).toBe(1);
    expect(result.warnings.map((warning) => warning.image)).toEqual(['app', 'other']);
  });

  it('gives the build a named context per resolved reference', () => {
    expect(resolvedBaseImageContexts({ 'busybox:1.36': `busybox:1.36@${DIGEST}` })).toEqual([
      { name: 'busybox:1.36', value: `docker-image://busybox:1.36@${DIGEST}` },
    ]);
  });
});
