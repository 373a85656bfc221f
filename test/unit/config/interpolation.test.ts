import { describe, expect, it } from 'vitest';
import { interpolate } from '../../../src/config/index.js';
import { ErrorCode } from '../../../src/errors/codes.js';
import { createProject, load, loadFailure } from './project-fixture.js';

const lookupFrom =
  (values: Record<string, string>) =>
  (name: string): string | undefined =>
    values[name];

describe('interpolate (strings)', () => {
  it.each([
    ['${A}', { A: 'a' }, 'a'],
    ['x-${A}-${B}', { A: 'a', B: 'b' }, 'x-a-b'],
    ['${MISSING:-fallback}', {}, 'fallback'],
    ['${EMPTY:-fallback}', { EMPTY: '' }, 'fallback'],
    ['${EMPTY-fallback}', { EMPTY: '' }, ''],
    ['${MISSING-fallback}', {}, 'fallback'],
    ['${MISSING:-${A}/nested}', { A: 'a' }, 'a/nested'],
    ['${MISSING:-}', {}, ''],
    ['$${A} stays', { A: 'a' }, '${A} stays'],
    ['cost: $5 and $A', { A: 'a' }, 'cost: $5 and $A'],
    ['${REGISTRY:-localhost:5000}/app', {}, 'localhost:5000/app'],
  ])('%s → %s', (text, values, expected) => {
    expect(interpolate(text, lookupFrom(values))).toEqual({ ok: true, value: expected });
  });

  it.each([
    [
      '${MISSING}',
      'variable `MISSING` is not set; define it under `variables:`, export it, or write `${MISSING:-default}`',
    ],
    ['${NEED:?set NEED to the release}', 'variable `NEED` is required: set NEED to the release'],
    ['${A', 'unterminated `${` in "${A" (write `$${` for a literal `${`)'],
    ['${1A}', 'invalid variable reference `${1A}`'],
    ['${A:+x}', 'invalid variable reference `${A:+x}`'],
  ])('%s fails', (text, message) => {
    expect(interpolate(text, lookupFrom({}))).toEqual({ ok: false, message });
  });
});

describe('interpolation in imageforge.yaml', () => {
  it('resolves variables (in order, from the environment, with defaults) everywhere', async () => {
    const dir = await createProject([
      'version: 1',
      'variables:',
      '  REGISTRY: ${IMAGEFORGE_REGISTRY:-localhost:5000}',
      '  TAG: ${TAG:-dev}',
      '  REF: ${REGISTRY}/team',
      'settings: {parallel: "${JOBS:-2}"}',
      'images:',
      '  app:',
      '    tags: ["${REF}/app:${TAG}"]',
      '    args: {HOME_DIR: "${HOME}", LITERAL: "$${NOT_EXPANDED}"}',
      '    pull: ${PULL:-false}',
      '    retry: {attempts: "${ATTEMPTS:-4}"}',
    ]);
    const config = await load(dir, { env: { TAG: 'v1.2.3', HOME: '/home/ci', PULL: 'true' } });
    expect(config.variables).toEqual({
      REGISTRY: 'localhost:5000',
      TAG: 'v1.2.3',
      REF: 'localhost:5000/team',
    });
    expect(config.images.app?.tags).toEqual(['localhost:5000/team/app:v1.2.3']);
    expect(config.images.app?.args).toEqual({ HOME_DIR: '/home/ci', LITERAL: '${NOT_EXPANDED}' });
    expect(config.images.app?.pull).toBe(true);
    expect(config.images.app?.retry.attempts).toBe(4);
    expect(config.settings.parallel).toBe(2);
  });

  it('prefers variables over the environment', async () => {
    const dir = await createProject([
      'version: 1',
      'variables: {TAG: file}',
      'images: {app: {tags: ["app:${TAG}"]}}',
    ]);
    const config = await load(dir, { env: { TAG: 'env' } });
    expect(config.images.app?.tags).toEqual(['app:file']);
  });

  it('reports every missing variable with the line and path where it is used', async () => {
    const dir = await createProject([
      'version: 1',
      'variables:',
      '  FIRST: ${LATER}',
      '  LATER: x',
      '  BROKEN: ${NOPE}',
      '  USES_BROKEN: ${BROKEN}-x',
      'defaults:',
      '  labels: {owner: "${OWNER}"}',
      'images:',
      '  app:',
      '    tags:',
      '      - app:latest',
      '      - registry/app:${RELEASE}',
      '  web: {}',
    ]);
    const { error, lines } = await loadFailure(dir);
    expect(error.code).toBe(ErrorCode.ConfigVariable);
    expect(lines).toEqual([
      'imageforge.yaml:3: variables.FIRST: variable `LATER` is not set; define it under `variables:`, export it, or write `${LATER:-default}` (`LATER` is defined later; variables may only use earlier ones)',
      'imageforge.yaml:5: variables.BROKEN: variable `NOPE` is not set; define it under `variables:`, export it, or write `${NOPE:-default}`',
      'imageforge.yaml:8: defaults.labels.owner: variable `OWNER` is not set; define it under `variables:`, export it, or write `${OWNER:-default}`',
      'imageforge.yaml:13: images.app.tags.1: variable `RELEASE` is not set; define it under `variables:`, export it, or write `${RELEASE:-default}`',
    ]);
    expect(error.problems[3]?.location).toMatchObject({ line: 13, path: 'images.app.tags.1' });
  });

  it('validates values after interpolation, at the line of the template', async () => {
    const dir = await createProject([
      'version: 1',
      'variables: {REGISTRY: "Bad Registry"}',
      'settings:',
      '  parallel: ${JOBS:-many}',
      'images:',
      '  app: {tags: ["${REGISTRY}/app"]}',
    ]);
    const { lines } = await loadFailure(dir);
    expect(lines).toEqual([
      'imageforge.yaml:4: settings.parallel: expected number, received string "many"',
      'imageforge.yaml:6: images.app.tags.0: invalid tag "Bad Registry/app": not a valid image reference; expected `[registry[:port]/]path[:tag]`, e.g. `localhost:5000/team/app:1.0`',
    ]);
  });
});
