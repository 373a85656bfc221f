// docker CLI present, and new enough that BuildKit (buildx) is its default builder.
import semver from 'semver';
import type { DoctorContext } from '../doctor-context.js';
import type { DoctorCheck } from '../doctor-types.js';

export function dockerCliCheck(context: DoctorContext): DoctorCheck {
  return {
    id: 'docker-cli',
    title: 'docker CLI',
    run: async () => {
      const cli = await context.dockerCli();
      if (!cli.ok)
        return {
          status: 'fail',
          finding: cli.error,
          hint: 'install the docker CLI (Debian: docker-cli, or `bash scripts/engine.sh install`) and put it on PATH',
        };
      const { version, path } = cli.value;
      const details = { version, path };
      const coerced = semver.coerce(version);
      if (coerced !== null && semver.lt(coerced, '23.0.0'))
        return {
          status: 'warn',
          finding: `Docker CLI ${version} is older than 23.0: BuildKit is not its default builder`,
          hint: 'upgrade the docker CLI (23.0 or later)',
          details,
        };
      return { status: 'ok', finding: `Docker CLI ${version}${path ? ` (${path})` : ''}`, details };
    },
  };
}
