import { describe, expect, it } from 'vitest';
import { resolveAuditActor } from '../../../src/audit/audit-actor.js';

describe('resolveAuditActor', () => {
  const user = () => 'builder';

  it.each([
    { env: {}, expected: { user: 'builder' } },
    { env: { SUDO_USER: 'alice' }, expected: { user: 'builder', sudoUser: 'alice' } },
    {
      env: { BUILD_USER_ID: 'bob', GITHUB_ACTOR: 'octocat' },
      expected: { user: 'builder', ci: { actor: 'bob', variable: 'BUILD_USER_ID' } },
    },
    {
      env: { GITHUB_ACTOR: 'octocat' },
      expected: { user: 'builder', ci: { actor: 'octocat', variable: 'GITHUB_ACTOR' } },
    },
    {
      env: { GITLAB_USER_LOGIN: ' gl ' },
      expected: { user: 'builder', ci: { actor: 'gl', variable: 'GITLAB_USER_LOGIN' } },
    },
    { env: { SUDO_USER: '', GITHUB_ACTOR: '' }, expected: { user: 'builder' } },
  ])('$env', ({ env, expected }) => {
    expect(resolveAuditActor(env, user)).toEqual(expected);
  });

  it('falls back to $USER when the uid has no passwd entry', () => {
    const missing = () => {
      throw new Error('ENOENT: no such file or directory, uv_os_get_passwd');
    };
    expect(resolveAuditActor({ USER: 'ci' }, missing)).toEqual({ user: 'ci' });
  });
});
