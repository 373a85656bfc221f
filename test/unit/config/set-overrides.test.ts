import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors/codes.js';
import { createProject, load, loadFailure } from './project-fixture.js';

const PROJECT = [
  'version: 1',
  'variables: {TAG: dev}',
  'profiles:',
  '  ci: {images: {app: {args: {VERSION: "from-profile"}}}}',
  'images:',
  '  app:',
  '    args: {VERSION: "1"}',
  '    tags: ["app:${TAG}"]',
  '  web.frontend: {}',
];

describe('--set overrides', () => {
  it('parses values as YAML scalars and flow collections', async () => {
    const config = await load(await createProject(PROJECT), {
      set: [
        'images.app.args.VERSION=2',
        'images.app.pull=true',
        'images.app.platforms=[linux/amd64, linux/arm64]',
        'images.app.target=runtime stage',
        'settings.parallel=3',
        'images.app.retry.attempts=5',
      ],
    });
    expect(config.images.app).toMatchObject({
      args: { VERSION: '2' },
      pull: true,
      platforms: ['linux/amd64', 'linux/arm64'],
      target: 'runtime stage',
      retry: { attempts: 5 },
    });
    expect(config.settings.parallel).toBe(3);
  });

  it('wins over the profile and keeps numbers as written', async () => {
    const config = await load(await createProject(PROJECT), {
      profile: 'ci',
      set: ['images.app.args.VERSION=2.40', 'images.app.args.BUILD=0123'],
    });
    expect(config.images.app?.args).toEqual({ VERSION: '2.40', BUILD: '0123' });
  });

  it('sets variables before interpolation and defaults for every image', async () => {
    const config = await load(await createProject(PROJECT), {
      set: ['variables.TAG=v9', 'defaults.noCache=true'],
    });
    expect(config.images.app?.tags).toEqual(['app:v9']);
    expect(config.images.app?.noCache).toBe(true);
    expect(config.images['web.frontend']?.noCache).toBe(true);
  });

  it('addresses images whose names contain dots, and list items by index', async () => {
    const config = await load(await createProject(PROJECT), {
      set: ['images.web.frontend.target=final', 'images.app.tags.0=app:pinned'],
    });
    expect(config.images['web.frontend']?.target).toBe('final');
    expect(config.images.app?.tags).toEqual(['app:pinned']);
  });

  it('unsets a value with an empty right-hand side', async () => {
    const dir = await createProject([
      'version: 1',
      'defaults: {target: build}',
      'images:',
      '  app: {target: final}',
    ]);
    const config = await load(dir, { set: ['images.app.target='] });
    expect(config.images.app?.target).toBeUndefined();
  });

  it('interpolates set values like file values', async () => {
    const config = await load(await createProject(PROJECT), { set: ['images.app.target=${TAG}-stage'] });
    expect(config.images.app?.target).toBe('dev-stage');
  });

  it('reports malformed flags and unknown images, naming the flag', async () => {
    const { error, lines } = await loadFailure(await createProject(PROJECT), {
      set: ['images.app.pull', '=3', 'images.ap.pull=true', 'image.app.pull=true', 'settings.parallel=[1'],
    });
    expect(error.code).toBe(ErrorCode.ConfigOverride);
    expect(lines).toEqual([
      '--set images.app.pull: missing `=`',
      '--set =3: empty path',
      '--set images.ap.pull=true: unknown image `ap` (did you mean `app`?)',
      '--set image.app.pull=true: unknown section `image` (did you mean `images`?); use `variables.`, `settings.`, `images.`, `defaults.`',
      '--set settings.parallel=[1: value is not valid YAML (quote items containing `${`)',
    ]);
  });

  it('validates set values with the same rules, blaming the flag', async () => {
    const { lines } = await loadFailure(await createProject(PROJECT), {
      set: ['images.app.target=3', 'images.app.pul=true', 'defaults.retry.attempts=0'],
    });
    expect(lines).toEqual([
      '--set images.app.target=3: images.app.target: expected string, received number',
      '--set defaults.retry.attempts=0: defaults.retry.attempts: must be at least 1',
      '--set images.app.pul=true: images.app.pul: unknown key (did you mean `pull`?)',
    ]);
  });
});
