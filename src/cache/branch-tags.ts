// Which cache tags belong to a live branch: branch names as cache tags (docker tags allow only
// [A-Za-z0-9_.-], at most 128 characters) and the project's branches as git knows them.
import { exec, isSuccess } from '../exec/exec.js';

/** "feature/login" → "feature-login"; what `${branch}` in a cache ref template becomes. */
export function cacheTagForBranch(branch: string): string {
  const tag = branch
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
  return tag === '' ? 'latest' : tag;
}

/**
 * Local and remote-tracking branch names (`refs/remotes/origin/x` → "x"), or undefined when git
 * cannot say (no repository, no git): then no tag may be judged by its branch.
 */
export async function listGitBranches(projectDir: string): Promise<string[] | undefined> {
  const result = await exec(
    'git',
    ['-C', projectDir, 'for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes'],
    { env: { LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' }, timeoutMs: 10_000 },
  );
  if (!isSuccess(result)) return undefined;
  return parseBranchRefs(result.stdout);
}

export function parseBranchRefs(stdout: string): string[] {
  const branches = new Set<string>();
  for (const line of stdout.split('\n')) {
    const ref = line.trim();
    if (ref.startsWith('refs/heads/')) branches.add(ref.slice('refs/heads/'.length));
    const remote = /^refs\/remotes\/[^/]+\/(.+)$/.exec(ref);
    if (remote?.[1] && remote[1] !== 'HEAD') branches.add(remote[1]);
  }
  return [...branches].sort();
}
