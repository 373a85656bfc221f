// What git knows about the project (commit, branch, commit time, remote), for OCI labels and
// reports. Never throws: outside a repository, or without git, every field is simply absent.
import { exec, isSuccess } from '../exec/exec.js';

export interface GitInfo {
  commit?: string;
  branch?: string;
  /** Tracked or untracked changes in the working tree. */
  dirty?: boolean;
  /** Committer time of HEAD: reproducible, unlike the wall clock. */
  commitTime?: Date;
  /** `origin` remote as a browsable URL, credentials removed. */
  sourceUrl?: string;
}

const memo = new Map<string, Promise<GitInfo>>();

/** Git facts of `dir`, asked once per process (config labels and the report both need them). */
export function getGitInfo(dir: string): Promise<GitInfo> {
  let info = memo.get(dir);
  if (!info) {
    info = readGitInfo(dir);
    memo.set(dir, info);
  }
  return info;
}

async function readGitInfo(dir: string): Promise<GitInfo> {
  const git = async (...args: string[]): Promise<string | undefined> => {
    const result = await exec('git', ['-C', dir, '--no-optional-locks', ...args], {
      env: { LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' },
      timeoutMs: 10_000,
    });
    return isSuccess(result) ? result.stdout.trim() : undefined;
  };
  const [head, branch, status, remote] = await Promise.all([
    git('log', '-1', '--format=%H%n%cI'),
    git('rev-parse', '--abbrev-ref', 'HEAD'),
    git('status', '--porcelain'),
    git('remote', 'get-url', 'origin'),
  ]);
  const info: GitInfo = {};
  const [commit, committed] = head?.split('\n') ?? [];
  if (commit !== undefined && /^[0-9a-f]{40,64}$/.test(commit)) info.commit = commit;
  const commitTime = committed === undefined ? undefined : new Date(committed);
  if (commitTime !== undefined && !Number.isNaN(commitTime.getTime())) info.commitTime = commitTime;
  if (branch !== undefined && branch !== '' && branch !== 'HEAD') info.branch = branch;
  if (status !== undefined && info.commit !== undefined) info.dirty = status !== '';
  const sourceUrl = remote === undefined || remote === '' ? undefined : toSourceUrl(remote);
  if (sourceUrl !== undefined) info.sourceUrl = sourceUrl;
  return info;
}

/**
 * A remote URL fit for `org.opencontainers.image.source`: `https://user:token@host/x` loses its
 * credentials, and scp-style `git@host:org/repo.git` becomes `https://host/org/repo.git`.
 */
export function toSourceUrl(remote: string): string | undefined {
  const scp = /^[^@/\s]+@([^:/\s]+):(?!\/)(.+)$/.exec(remote);
  if (scp !== null) return `https://${scp[1]}/${scp[2]}`;
  try {
    const url = new URL(remote);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    // A local path remote: nothing a registry user could open.
    return undefined;
  }
}
