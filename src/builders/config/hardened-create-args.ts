// Extra `docker buildx create` arguments for a hardened builder. Since buildx 0.13
// (docker/buildx#2255, PR docker/buildx#2266) `buildx create` silently appends
// `--allow-insecure-entitlement=network.host` to the buildkitd flags of docker-container and
// kubernetes builders. parseBuildkitdFlags (builder/builder.go) skips that only when the flags
// already carry an `--allow-insecure-entitlement`, when the `--buildkitd-config` file lists
// network.host (PR docker/buildx#2685), or never when `--driver-opt network=host`.
//
// So the hardened builder passes `--allow-insecure-entitlement=` (an empty value): buildx sees the
// flag and adds nothing (observed with buildx 0.29.1: `buildx inspect` shows only our flag), and
// buildkitd replaces its configured entitlements with that list, whose empty name it does not
// recognise and so ignores (control.supportedEntitlements keeps only known names): the daemon
// grants no insecure entitlement at all.
import type { BuilderConfig } from '../../config/types.js';

const DRIVERS_WITH_IMPLICIT_NETWORK_HOST = new Set(['docker-container', 'kubernetes']);

/** buildkitd flags that leave the daemon with no insecure entitlement. */
export function hardenedBuildkitdFlags(): string[] {
  return ['--allow-insecure-entitlement='];
}

/**
 * `['--buildkitd-flags', '<flags>']` for drivers where buildx would add network.host, else [].
 * `buildx create` takes one `--buildkitd-flags` string (the last wins), so pass any other
 * buildkitd flags here to have them joined into it (never an entitlement flag: buildkitd keeps the
 * list of every `--allow-insecure-entitlement`, so one naming network.host would grant it).
 */
export function hardenedCreateArgs(builder: BuilderConfig, otherBuildkitdFlags: string[] = []): string[] {
  if (!DRIVERS_WITH_IMPLICIT_NETWORK_HOST.has(builder.driver)) return [];
  const flags = [...otherBuildkitdFlags, ...hardenedBuildkitdFlags()];
  return ['--buildkitd-flags', flags.map(shellQuote).join(' ')];
}

/** Settings that make a hardened builder impossible, with dotted config paths. */
export function hardenedCreateProblems(builder: BuilderConfig): string[] {
  const problems: string[] = [];
  if (builder.driver === 'docker-container' && builder.driverOpts.network === 'host') {
    problems.push(
      `builders.${builder.name}.driverOpts.network: "host" makes buildx always allow network.host; remove it for a hardened builder`,
    );
  }
  return problems;
}

/** buildx splits the string with shlex: quote what would split or be interpreted. */
function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./:=,@%+-]*$/.test(word) && word !== '') return word;
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}
