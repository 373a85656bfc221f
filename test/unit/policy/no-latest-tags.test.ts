import { describe, expect, it } from 'vitest';
import { checkNoLatestTags, tagOf } from '../../../src/policy/rules/no-latest-tags.js';
import { messages, policyProject, withConfig } from './policy-fixture.js';

describe('tagOf', () => {
  it.each([
    ['app', undefined],
    ['app:1.0', '1.0'],
    ['localhost:5000/team/app', undefined],
    ['localhost:5000/team/app:latest', 'latest'],
    ['app:1.0@sha256:abc', '1.0'],
  ])('%s -> %s', (reference, expected) => {
    expect(tagOf(reference)).toBe(expected);
  });
});

describe('no-latest-tags', () => {
  it.each([
    { tags: ['localhost:5000/team/app:1.0'], expected: [] },
    {
      tags: ['localhost:5000/team/app:1.0', 'localhost:5000/team/app:latest'],
      expected: ['images.app: tag localhost:5000/team/app:latest uses the mutable tag latest'],
    },
    {
      tags: ['localhost:5000/team/app'],
      expected: ['images.app: tag localhost:5000/team/app has no tag (means latest)'],
    },
    { tags: null, expected: ['images.app: tag app:latest uses the mutable tag latest'] },
  ])('tags $tags', async ({ tags, expected }) => {
    const { context } = await policyProject(withConfig({ images: { app: { tags } } }));
    const found = messages(checkNoLatestTags(context).violations).map((message) =>
      message.replace(/ \(imageforge\.yaml:\d+\)$/, ''),
    );
    expect(found).toEqual(expected);
  });
});
