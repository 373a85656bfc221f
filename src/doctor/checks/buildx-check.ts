// buildx present, its version, how old it is, and which imageforge features it gates; then whether
// BuildKit is on for builds and which BuildKit the current builder runs.
import { buildxFeatures, supports } from '../../buildx/buildx-version.js';
import { buildxAge } from '../buildx-releases.js';
import type { DoctorContext } from '../doctor-context.js';
import { SKIPPED_WITHOUT_DAEMON, type DoctorCheck } from '../doctor-types.js';

const STALE_AFTER_MONTHS = 18;

export function buildxCheck(context: DoctorContext, now: Date = new Date()): DoctorCheck {
  return {
    id: 'buildx',
    title: 'buildx plugin',
    run: async () => {
      const probe = await context.buildx();
      if (!probe.ok || probe.value === undefined)
        return {
          status: 'warn',
          finding:
            'docker buildx not found: builds fall back to the legacy builder (no cache export, no multi-platform)',
          hint: 'install buildx (Debian: docker-buildx); `imageforge plugins ls` shows why the docker CLI may not see it',
        };
      const { version } = probe.value;
      const age = buildxAge(version, now);
      const missing = (Object.keys(buildxFeatures) as Array<keyof typeof buildxFeatures>).filter(
        (feature) => !supports(version, feature),
      );
      const details = { version, ...age, missingFeatures: missing };
      const when = age.releaseMonth
        ? `released ${age.releaseMonth}, ${age.ageMonths ?? '?'} months ago`
        : 'release date unknown';
      if (missing.includes('rawjsonProgress'))
        return {
          status: 'fail',
          finding: `buildx ${version} (${when}) is older than 0.13: imageforge cannot follow its progress`,
          hint: 'upgrade buildx to 0.13 or later (0.20+ recommended)',
          details,
        };
      if ((age.ageMonths ?? 0) > STALE_AFTER_MONTHS || missing.length > 0)
        return {
          status: 'warn',
          finding: `buildx ${version} (${when}, ${age.minorsBehind} minor versions behind 0.29)${missing.length > 0 ? `; without: ${missing.join(', ')}` : ''}`,
          hint: 'upgrade buildx; features it lacks degrade (see docs/compatibility.md)',
          details,
        };
      return { status: 'ok', finding: `buildx ${version} (${when})`, details };
    },
  };
}

export function buildkitCheck(context: DoctorContext): DoctorCheck {
  return {
    id: 'buildkit',
    title: 'BuildKit',
    run: async () => {
      if (context.env.DOCKER_BUILDKIT === '0')
        return {
          status: 'warn',
          finding: 'DOCKER_BUILDKIT=0 is set: builds use the legacy builder',
          hint: 'unset DOCKER_BUILDKIT to build with BuildKit',
        };
      const buildx = await context.buildx();
      if (!buildx.ok || buildx.value === undefined)
        return { status: 'skip', finding: 'no buildx (see the buildx check)' };
      if (!(await context.engine()).ok) return SKIPPED_WITHOUT_DAEMON;
      const builder = await context.currentBuilder();
      if (!builder.ok)
        return {
          status: 'fail',
          finding: `the default builder cannot be inspected: ${builder.error}`,
          hint: 'list builders with `docker buildx ls`; select one with `docker buildx use NAME`',
        };
      const { name, driver, nodes } = builder.value;
      const node = nodes[0];
      const details = { builder: name, driver, status: node?.status, buildkitVersion: node?.buildkitVersion };
      if (!nodes.some((candidate) => candidate.status === 'running' || candidate.status === 'inactive'))
        return {
          status: 'fail',
          finding: `builder "${name}" (${driver}) is ${node?.status || 'not running'}`,
          hint: `inspect it with \`docker buildx inspect --bootstrap ${name}\``,
          details,
        };
      return {
        status: 'ok',
        finding: `builder "${name}" (${driver}) ${node?.status ?? ''}, ${buildkitText(node?.buildkitVersion)}`,
        details,
      };
    },
  };
}

/** Distribution builds of dockerd (Debian's among them) embed BuildKit without stamping its version. */
function buildkitText(version: string | undefined): string {
  if (version === undefined || version.includes('0.0.0+unknown'))
    return 'BuildKit (version not reported by this build)';
  return `BuildKit ${version}`;
}
