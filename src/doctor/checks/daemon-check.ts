// The daemon imageforge would build on (DOCKER_HOST, else the docker context) answers, and its
// engine is new enough for BuildKit builds.
import semver from 'semver';
import type { DoctorContext } from '../doctor-context.js';
import { SKIPPED_WITHOUT_DAEMON, type DoctorCheck } from '../doctor-types.js';

export function daemonCheck(context: DoctorContext): DoctorCheck {
  return {
    id: 'daemon',
    title: 'Docker daemon',
    run: async () => {
      const endpoint = await context.endpoint();
      if (!endpoint.ok)
        return { status: 'fail', finding: `cannot tell which daemon to use: ${endpoint.error}` };
      const { host, source, context: contextName } = endpoint.value;
      const from =
        source === 'DOCKER_HOST'
          ? 'DOCKER_HOST'
          : source === 'context'
            ? `context ${contextName ?? '?'}`
            : 'default socket';
      const engine = await context.engine();
      if (!engine.ok)
        return {
          status: 'fail',
          finding: `cannot reach the daemon at ${host} (${from}): ${engine.error}`,
          hint:
            source === 'DOCKER_HOST'
              ? 'start the daemon or fix DOCKER_HOST (for the project engine: eval "$(bash scripts/engine.sh env)")'
              : 'start the daemon, set DOCKER_HOST, or pick a context with `docker context use`',
          details: { host, source, context: contextName },
        };
      return {
        status: 'ok',
        finding: `${host} (${from}) answers in ${engine.value.pingMs} ms`,
        details: { host, source, context: contextName, pingMs: engine.value.pingMs },
      };
    },
  };
}

export function engineVersionCheck(context: DoctorContext): DoctorCheck {
  return {
    id: 'engine-version',
    title: 'Docker Engine version',
    run: async () => {
      const engine = await context.engine();
      if (!engine.ok) return SKIPPED_WITHOUT_DAEMON;
      const { version, apiVersion, os, arch } = engine.value.version;
      const details = { version, apiVersion, os, arch };
      const coerced = semver.coerce(version);
      if (coerced !== null && semver.lt(coerced, '18.9.0'))
        return {
          status: 'fail',
          finding: `Docker Engine ${version} has no BuildKit`,
          hint: 'upgrade the engine to 23.0 or later',
          details,
        };
      if (coerced !== null && semver.lt(coerced, '23.0.0'))
        return {
          status: 'warn',
          finding: `Docker Engine ${version} is older than 23.0 (BuildKit not the default, no containerd image store)`,
          hint: 'upgrade the engine to 23.0 or later',
          details,
        };
      return {
        status: 'ok',
        finding: `Docker Engine ${version} (API ${apiVersion}, ${os}/${arch})`,
        details,
      };
    },
  };
}
