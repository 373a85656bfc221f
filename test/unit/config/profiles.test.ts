import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors/codes.js';
import { createProject, load, loadFailure } from './project-fixture.js';

const PROJECT = [
  'version: 1', //                                    1
  'variables: {TAG: dev}', //                         2
  'settings: {parallel: 8, timeout: 1h}', //          3
  'defaults:', //                                     4
  '  args: {A: top-default}', //                      5
  '  pull: false', //                                 6
  'profiles:', //                                     7
  '  ci:', //                                         8
  '    variables: {TAG: ci}', //                      9
  '    settings: {parallel: 2}', //                  10
  '    defaults: {pull: true, args: {A: profile-default, P: "1"}}', // 11
  '    images:', //                                  12
  '      app: {args: {A: profile-image}, tags: ["app:${TAG}"]}', // 13
  '  release: {}', //                                14
  'images:', //                                      15
  '  app:', //                                       16
  '    args: {A: image, I: "1"}', //                 17
  '    tags: ["app:${TAG}", "app:latest"]', //       18
  '  other: {}', //                                  19
];

describe('profiles', () => {
  it('applies nothing from profiles when none is chosen', async () => {
    const config = await load(await createProject(PROJECT));
    expect(config.profile).toBeUndefined();
    expect(config.images.app?.args).toEqual({ A: 'image', I: '1' });
    expect(config.images.app?.tags).toEqual(['app:dev', 'app:latest']);
    expect(config.settings.parallel).toBe(8);
  });

  it('merges defaults → image → profile defaults → profile image, profile winning', async () => {
    const config = await load(await createProject(PROJECT), { profile: 'ci' });
    expect(config.profile).toBe('ci');
    expect(config.images.app?.args).toEqual({ A: 'profile-image', I: '1', P: '1' });
    expect(config.images.app?.tags).toEqual(['app:ci']);
    expect(config.images.app?.pull).toBe(true);
    expect(config.images.other?.args).toEqual({ A: 'profile-default', P: '1' });
    expect(config.images.other?.pull).toBe(true);
  });

  it('lets profile settings and variables override the top-level ones key by key', async () => {
    const config = await load(await createProject(PROJECT), { profile: 'ci' });
    expect(config.settings).toMatchObject({ parallel: 2, timeoutMs: 3_600_000 });
    expect(config.variables).toEqual({ TAG: 'ci' });
  });

  it('rejects an unknown profile, listing the available ones with a suggestion', async () => {
    const { error, lines } = await loadFailure(await createProject(PROJECT), { profile: 'cl' });
    expect(error.code).toBe(ErrorCode.ConfigProfile);
    expect(lines).toEqual([
      'imageforge.yaml:7: profiles: unknown profile `cl` (did you mean `ci`?); available: ci, release',
    ]);
  });

  it('says so when the file has no profiles at all', async () => {
    const { lines } = await loadFailure(await createProject(['version: 1', 'images: {app: {}}']), {
      profile: 'ci',
    });
    expect(lines).toEqual(['imageforge.yaml: profiles: unknown profile `ci`; the file defines no profiles']);
  });

  it('rejects profile overrides of images that do not exist, in any profile', async () => {
    const dir = await createProject([
      'version: 1',
      'profiles:',
      '  ci:',
      '    images:',
      '      ap: {pull: true}',
      'images:',
      '  app: {}',
    ]);
    const { error, lines } = await loadFailure(dir);
    expect(error.code).toBe(ErrorCode.ConfigUnknownImage);
    expect(lines).toEqual([
      'imageforge.yaml:5: profiles.ci.images.ap: unknown image `ap` (did you mean `app`?); profiles can only override images defined under `images:`',
    ]);
  });

  it('checks keys of profiles that are not selected', async () => {
    const dir = await createProject([
      'version: 1',
      'profiles:',
      '  ci:',
      '    defualts: {}',
      'images: {app: {}}',
    ]);
    const { lines } = await loadFailure(dir);
    expect(lines).toEqual([
      'imageforge.yaml:4: profiles.ci.defualts: unknown key (did you mean `defaults`?)',
    ]);
  });
});
