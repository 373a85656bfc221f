import { describe, expect, it } from 'vitest';
import { getGitInfo, toSourceUrl } from '../../../src/config/index.js';
import { exec, isSuccess } from '../../../src/exec/exec.js';
import { createProject, load } from './project-fixture.js';

const COMMIT_DATE = '2024-05-06T07:08:09Z';

async function git(dir: string, ...args: string[]): Promise<void> {
  const result = await exec('git', ['-C', dir, ...args], {
    env: {
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_AUTHOR_DATE: COMMIT_DATE,
      GIT_COMMITTER_DATE: COMMIT_DATE,
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  });
  expect(isSuccess(result), result.stderr).toBe(true);
}

async function createRepository(): Promise<string> {
  const dir = await createProject(['version: 1', 'images: {app: {}}']);
  await git(dir, 'init', '-q', '-b', 'main');
  await git(dir, 'add', '.');
  await git(dir, 'commit', '-q', '-m', 'initial');
  await git(dir, 'remote', 'add', 'origin', 'https://ci-bot:ghp_secret@github.com/acme/images.git');
  return dir;
}

describe('getGitInfo', () => {
  it('reads commit, branch, commit time, cleanliness and a credential-free remote', async () => {
    const dir = await createRepository();
    const info = await getGitInfo(dir);
    expect(info.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(info.branch).toBe('main');
    expect(info.dirty).toBe(false);
    expect(info.commitTime?.toISOString()).toBe('2024-05-06T07:08:09.000Z');
    expect(info.sourceUrl).toBe('https://github.com/acme/images.git');
  });

  it('notices a dirty working tree', async () => {
    const dir = await createRepository();
    await createProjectFileIn(dir);
    expect((await getGitInfo(dir)).dirty).toBe(true);
  });

  it('returns {} outside a repository and for missing directories, without throwing', async () => {
    const dir = await createProject(['version: 1']);
    expect(await getGitInfo(dir)).toEqual({});
    expect(await getGitInfo('/nonexistent-imageforge-dir')).toEqual({});
  });
});

describe('OCI labels from git', () => {
  it('uses the commit time (reproducible), revision and stripped source', async () => {
    const dir = await createRepository();
    const config = await load(dir);
    const info = await getGitInfo(dir);
    expect(config.images.app?.labels).toEqual({
      'org.opencontainers.image.created': COMMIT_DATE,
      'org.opencontainers.image.revision': info.commit,
      'org.opencontainers.image.source': 'https://github.com/acme/images.git',
      'org.opencontainers.image.title': 'app',
    });
  });
});

describe('toSourceUrl', () => {
  it.each([
    ['https://user:pass@example.com/org/repo.git', 'https://example.com/org/repo.git'],
    ['https://token@example.com/org/repo', 'https://example.com/org/repo'],
    ['https://example.com/org/repo.git', 'https://example.com/org/repo.git'],
    ['git@github.com:acme/images.git', 'https://github.com/acme/images.git'],
    ['ssh://git@example.com:2222/org/repo.git', 'ssh://example.com:2222/org/repo.git'],
    ['/srv/git/repo.git', undefined],
  ])('%s → %s', (remote, expected) => {
    expect(toSourceUrl(remote)).toBe(expected);
  });
});

async function createProjectFileIn(dir: string): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(`${dir}/new-file.txt`, 'change\n');
}
