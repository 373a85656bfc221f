// Who ran a build: the OS account, the sudo caller behind it and the CI identity that triggered it,
// so an audit record names a person (or pipeline), not just `root` or `jenkins`.
import os from 'node:os';
import type { AuditActor } from './audit-record.js';

/** CI variables naming the person or account that triggered a run, most specific first. */
const CI_ACTOR_VARIABLES = [
  'BUILD_USER_ID', // Jenkins (build-user-vars plugin)
  'GITHUB_ACTOR', // GitHub Actions
  'GITLAB_USER_LOGIN', // GitLab CI
  'BUILDKITE_BUILD_CREATOR_EMAIL', // Buildkite
  'CIRCLE_USERNAME', // CircleCI
  'BUILD_REQUESTEDFOR', // Azure Pipelines
];

export function resolveAuditActor(
  env: Record<string, string | undefined> = process.env,
  username: () => string = () => os.userInfo().username,
): AuditActor {
  const actor: AuditActor = { user: safeUsername(username, env) };
  const sudoUser = env.SUDO_USER?.trim();
  if (sudoUser) actor.sudoUser = sudoUser;
  for (const variable of CI_ACTOR_VARIABLES) {
    const value = env[variable]?.trim();
    if (value) {
      actor.ci = { actor: value, variable };
      break;
    }
  }
  return actor;
}

/** os.userInfo() throws for a uid without a passwd entry (common in containers). */
function safeUsername(username: () => string, env: Record<string, string | undefined>): string {
  try {
    return username();
  } catch {
    return env.USER ?? env.LOGNAME ?? `uid:${process.getuid?.() ?? 'unknown'}`;
  }
}
