// What the engine under test can do: the current one (scripts/engine.sh) or, with
// IMAGEFORGE_TEST_ENGINE=compat, Debian trixie's older one (scripts/compat.sh). An assertion about
// a feature the older engine lacks runs only where the feature exists; elsewhere the test says on
// stderr what it did not check and why, and keeps checking everything else (docs/compatibility.md).
import { execFileSync } from 'node:child_process';
import {
  engineSupports,
  requiredEngineVersion,
  type EngineFeature,
} from '../../src/docker/engine-features.js';
import { buildxFeatures, parseBuildxVersion, supports } from '../../src/buildx/buildx-version.js';

type BuildxFeature = keyof typeof buildxFeatures;

export interface TestEngineVersions {
  engine: string | undefined;
  buildx: string | undefined;
}

let versions: TestEngineVersions | undefined;

export function testEngineVersions(): TestEngineVersions {
  versions ??= {
    engine: quiet(['version', '--format', '{{.Server.Version}}']),
    buildx: parseBuildxVersion(quiet(['buildx', 'version']) ?? '')?.version,
  };
  return versions;
}

export function engineHas(feature: EngineFeature): boolean {
  return engineSupports(testEngineVersions().engine, feature);
}

export function buildxHas(feature: BuildxFeature): boolean {
  return supports(testEngineVersions().buildx, feature);
}

/** Runs `check` when the engine has `feature`, else reports on stderr that `what` was not checked. */
export async function checkWhereEngineHas(
  feature: EngineFeature,
  what: string,
  check: () => void | Promise<void>,
): Promise<void> {
  if (engineHas(feature)) return check();
  notChecked(what, `Docker Engine ${testEngineVersions().engine ?? '?'} < ${requiredEngineVersion(feature)}`);
}

/** Runs `check` when buildx has `feature`, else reports on stderr that `what` was not checked. */
export async function checkWhereBuildxHas(
  feature: BuildxFeature,
  what: string,
  check: () => void | Promise<void>,
): Promise<void> {
  if (buildxHas(feature)) return check();
  const needed = buildxFeatures[feature].replace('>=', '');
  notChecked(what, `buildx ${testEngineVersions().buildx ?? '?'} < ${needed}`);
}

function notChecked(what: string, why: string): void {
  process.stderr.write(`[compat] not checked (${why}): ${what}\n`);
}

function quiet(args: string[]): string | undefined {
  try {
    return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}
