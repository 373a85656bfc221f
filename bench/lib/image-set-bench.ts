// What the generated-set sections (overhead, graph12, scaling) share: the set written into
// bench/work/<name>/ (wiped first), the competitors that build it (imageforge measured, the
// sequential buildx loop, bake), each with its own tag, and the checks after every run.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { measuredImageforge, type MeasuredCompetitor } from './imageforge-competitor.js';
import { findMissingImages } from './engine.js';
import type { Competitor, RunFigures, ScenarioResult } from './types.js';
import { dependencyOrder, imageRef, type ImageSet } from '../workloads/image-set.js';
import { imageSetFiles, writeImageSetFiles } from '../workloads/image-set-files.js';

export interface PreparedSet {
  set: ImageSet;
  /** Absolute. */
  workDir: string;
  /** Relative to the repository root (the competitors' cwd), e.g. `bench/work/graph12`. */
  relativeDir: string;
  registry: string;
  /** Tag prefix; each competitor builds `<tag>-<tag key>`. */
  tag: string;
}

/** Writes the set into bench/work/<name>/ (wiped first); the section removes it when done. */
export async function prepareSet(
  root: string,
  name: string,
  set: ImageSet,
  env: Record<string, string | undefined>,
): Promise<PreparedSet> {
  const relativeDir = path.posix.join('bench', 'work', name);
  const workDir = path.join(root, relativeDir);
  await rm(workDir, { recursive: true, force: true });
  await writeImageSetFiles(workDir, imageSetFiles(set, { bakeContextDir: relativeDir }));
  return {
    set,
    workDir,
    relativeDir,
    registry: env.IMAGEFORGE_REGISTRY ?? 'localhost:5000',
    tag: env.TAG ?? 'bench',
  };
}

/** Every competitor reads the registry and its tag from the environment (see image-set-files.ts). */
function tagEnv(prepared: PreparedSet, tagKey: string): Record<string, string> {
  return {
    IMAGEFORGE_REGISTRY: prepared.registry,
    REGISTRY: prepared.registry,
    TAG: `${prepared.tag}-${tagKey}`,
  };
}

/**
 * imageforge on the set. `tagKey` decides which images it owns: `imageforge` and `imageforge --force`
 * share theirs (so the natural run's up-to-date check sees what the forced run left, as a user's
 * next run would); the other tools get their own, so none finds images another tool overwrote.
 */
export function imageforgeOn(
  root: string,
  prepared: PreparedSet,
  options: { id: string; label: string; tagKey?: string; extraArgs?: string[] },
): MeasuredCompetitor {
  return measuredImageforge({
    id: options.id,
    label: options.label,
    root,
    configFile: path.posix.join(prepared.relativeDir, 'imageforge.yaml'),
    workDir: prepared.workDir,
    ...(options.extraArgs ? { extraArgs: options.extraArgs } : {}),
    env: tagEnv(prepared, options.tagKey ?? 'imageforge'),
  });
}

/** The generated `sequential.sh`: one `docker buildx build --load` per image in dependency order. */
export function sequentialOn(prepared: PreparedSet): Competitor {
  return {
    id: 'sequential',
    label: 'sequential buildx loop',
    command: 'bash',
    args: [path.posix.join(prepared.relativeDir, 'sequential.sh')],
    env: tagEnv(prepared, 'sequential'),
  };
}

/** `docker buildx bake` on the generated file: one invocation, `target:` contexts chain the images. */
export function bakeOn(prepared: PreparedSet): Competitor {
  return {
    id: 'bake',
    label: 'docker buildx bake',
    command: 'docker',
    args: [
      'buildx',
      'bake',
      '-f',
      path.posix.join(prepared.relativeDir, 'docker-bake.hcl'),
      '--progress',
      'quiet',
    ],
    env: tagEnv(prepared, 'bake'),
  };
}

/** The competitor's image references (by the TAG in its environment). */
export function refsOf(prepared: PreparedSet, competitor: Competitor): string[] {
  const tag = competitor.env?.TAG ?? prepared.tag;
  return dependencyOrder(prepared.set).map((image) =>
    imageRef(prepared.set, image.name, prepared.registry, tag),
  );
}

export interface ExpectedCounts {
  built: number;
  upToDate: number;
}

/**
 * A ScenarioSpec `verify` hook: every image of the competitor exists afterwards, and imageforge runs
 * built / skipped exactly what the scenario claims (e.g. warm: all up to date).
 */
export function verifySet(
  prepared: PreparedSet,
  env: Record<string, string | undefined>,
  expected: Record<string, ExpectedCounts> = {},
): (competitor: Competitor, figures: RunFigures | undefined) => Promise<string | undefined> {
  return async (competitor, figures) => {
    const missing = await findMissingImages(refsOf(prepared, competitor), { env });
    if (missing !== undefined) return missing;
    return countsProblem(expected[competitor.id], figures);
  };
}

/** Undefined when the report's counts match (or nothing is expected), else what differs. */
export function countsProblem(
  expected: ExpectedCounts | undefined,
  figures: RunFigures | undefined,
): string | undefined {
  if (expected === undefined) return undefined;
  if (figures?.built === undefined) return 'no report.json figures after the run';
  const upToDate = figures.upToDate ?? 0;
  if (figures.built === expected.built && upToDate === expected.upToDate) return undefined;
  return (
    `expected ${expected.built} built / ${expected.upToDate} up to date, ` +
    `report says ${figures.built} built / ${upToDate} up to date`
  );
}

/** One line per competitor that failed runs: `<scenario>: <id> failed n/m runs — <first error>`. */
export function scenarioFailures(scenarios: readonly ScenarioResult[]): string[] {
  return scenarios.flatMap((scenario) =>
    scenario.competitors
      .filter((competitor) => competitor.summary.failedRuns > 0)
      .map((competitor) => {
        const firstError = competitor.samples.find((sample) => !sample.ok && sample.round > 0)?.error ?? '';
        const total = competitor.summary.failedRuns + competitor.summary.okRuns;
        return `${scenario.name}: ${competitor.id} failed ${competitor.summary.failedRuns}/${total} runs — ${firstError}`;
      }),
  );
}

/** BENCH_SCENARIOS holds names of every section's scenarios; empty selects all. */
export function scenarioSelected(selection: readonly string[], ...names: string[]): boolean {
  return selection.length === 0 || names.some((name) => selection.includes(name));
}
