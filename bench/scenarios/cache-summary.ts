// Turns the cache section's runs into its SectionResult: the table, the goal verdict for the
// registry-cached cold build, and notes that explain figures which do not add up.
import {
  cacheRow,
  cacheVerdict,
  compareWithReference,
  formatBytes,
  renderCacheTable,
  renderVerdict,
  type CacheRow,
} from '../lib/cache-figures.js';
import { renderDetailsTable } from '../lib/comparison.js';
import type { ScenarioResult, SectionResult } from '../lib/types.js';

export const CACHE_SCENARIOS = [
  {
    name: 'uncached',
    description:
      'fresh engine B, cache import from a registry prefix nothing was exported to (`--set defaults.cache.registry=…-empty-r<round>`): the reference',
  },
  {
    name: 'cached-cold',
    description:
      'fresh engine B importing the cache engine A exported once during setup (`--cache-from type=registry`, mode=max)',
  },
  {
    name: 'warm-force',
    description: 'right after cached-cold on the same engine, `--force`: BuildKit runs, everything local',
  },
  {
    name: 'warm-up-to-date',
    description: 'right after warm-force, without `--force`: imageforge may skip images that are up to date',
  },
] as const;

export type CacheScenarioName = (typeof CACHE_SCENARIOS)[number]['name'];

export const CACHE_SECTION_ID = 'cache';
export const CACHE_SECTION_TITLE =
  'registry build cache (3 multi-stage images on a 40 MB toolchain): uncached vs cached cold vs warm';

export interface CacheSectionExtras {
  /** Setup facts (how the cache was seeded). */
  notes: string[];
  /** Setup or cleanup problems. */
  problems: string[];
}

/** The section's result; `rows` (medians and savings) are kept in the results JSON next to the samples. */
export interface CacheSectionResult extends SectionResult {
  rows: CacheRow[];
}

export function summarizeCacheSection(
  scenarios: readonly ScenarioResult[],
  extras: CacheSectionExtras,
): CacheSectionResult {
  const rows = compareWithReference(scenarios.map(cacheRow), 'uncached');
  const cold = rows.find((row) => row.scenario === 'cached-cold');
  const verdict = cacheVerdict(cold);
  const failures = [
    ...extras.problems,
    ...scenarios.flatMap((scenario) =>
      scenario.competitors
        .filter((competitor) => competitor.summary.failedRuns > 0)
        .map((competitor) => {
          const first = competitor.samples.find((sample) => !sample.ok && sample.round > 0)?.error ?? '';
          const total = competitor.summary.failedRuns + competitor.summary.okRuns;
          return `${scenario.name}: ${competitor.summary.failedRuns}/${total} runs failed — ${first}`;
        }),
    ),
  ];
  const markdown = [
    `## ${CACHE_SECTION_TITLE}`,
    '',
    'Goals for the registry-cached cold build, against the uncached one: ≥ 95% cache hits, ≥ 75% less time,' +
      ' ≥ 70% fewer bytes pulled from the registry.',
    '',
    rows.length > 0 ? renderCacheTable(rows) : '_no scenarios ran_',
    '',
    renderVerdict(cold),
    '',
    ...scenarios.map((scenario) => `- **${scenario.name}**: ${scenario.description}`),
    '- *pulled (report.json)*: `summary.cache.bytesPulled`; *pulled (registry)*: response bytes of every GET the' +
      ' registry answered during the run, measured by a counting proxy in front of it; *pushed*: request bytes' +
      ' (cache exports); *image size*: `docker image inspect {{.Size}}` summed over the built images.',
    ...extras.notes.map((note) => `- ${note}`),
    ...explainDiscrepancies(rows).map((note) => `- ${note}`),
    '',
    renderDetailsTable(scenarios),
  ].join('\n');
  return {
    id: CACHE_SECTION_ID,
    title: CACHE_SECTION_TITLE,
    scenarios: [...scenarios],
    markdown,
    failures,
    targetsMet: verdict?.met,
    rows,
  };
}

/** Notes for figures a reader would otherwise take at face value. */
export function explainDiscrepancies(rows: readonly CacheRow[]): string[] {
  const notes: string[] = [];
  for (const row of rows) {
    const reported = row.reportedBytesPulled;
    const served = row.registryBytesDownloaded;
    if (reported === undefined || served === undefined) continue;
    if (served > 0 && reported > served * 1.2) {
      notes.push(
        `**${row.scenario}**: report.json's bytesPulled (${formatBytes(reported)}) is ${(reported / served).toFixed(2)}×` +
          ` what the registry served (${formatBytes(served)}). A layer shared by several images of one bake session` +
          ' (here the toolchain) is downloaded once, but BuildKit reports it in every image’s progress and' +
          ' summary.cache.bytesPulled adds the images up.',
      );
    } else if (reported < served * 0.8 && served - reported > 100_000) {
      notes.push(
        `**${row.scenario}**: report.json's bytesPulled (${formatBytes(reported)}) is less than what the registry` +
          ` served (${formatBytes(served)}): manifests, cache metadata and blobs fetched outside a build step` +
          ' (cache export checks) are not in BuildKit’s pull progress.',
      );
    }
  }
  const upToDate = rows.find((row) => row.scenario === 'warm-up-to-date');
  if (upToDate?.built !== undefined && upToDate.built > 0) {
    notes.push(
      `**warm-up-to-date**: imageforge rebuilt ${upToDate.built} image(s) instead of skipping them. Its up-to-date` +
        ' check needs the digest of every external base image from the engine’s image store, but BuildKit pulls' +
        ' `FROM` images into its content store only (`docker image inspect` of the toolchain fails on engine B),' +
        ' so no fingerprint is recorded on a machine that never `docker pull`ed its bases. After' +
        ' `docker pull` of the toolchain and busybox, the second build is skipped as up to date.',
    );
  }
  return notes;
}
