// Section "scaling": 1, 10 and 50 cheap independent images (FROM busybox, COPY a small file, one RUN
// echo) — how imageforge's wall time, its own CPU time and its peak memory grow with the set, and
// what share of the wall time is imageforge itself. bake builds the same sets cold as the reference.
import { rm } from 'node:fs/promises';
import { renderDetailsTable } from '../lib/comparison.js';
import { resetToCold } from '../lib/engine.js';
import { collectFor } from '../lib/imageforge-competitor.js';
import {
  bakeOn,
  imageforgeOn,
  prepareSet,
  refsOf,
  scenarioFailures,
  scenarioSelected,
  verifySet,
  type PreparedSet,
} from '../lib/image-set-bench.js';
import { renderMarkdownTable } from '../lib/markdown-table.js';
import { runScenario, type ScenarioSpec } from '../lib/run-scenario.js';
import {
  formatMegabytes,
  formatShare,
  formatTimings,
  medianTimings,
  summarizeFigures,
  type FiguresSummary,
} from '../lib/run-figures.js';
import { formatDifference, formatMedianCell } from '../lib/scenario-ratios.js';
import type { BenchContext, BenchSection } from '../lib/section.js';
import type { ScenarioResult, SectionResult } from '../lib/types.js';
import { scalingSet } from '../workloads/image-set.js';

const SECTION_ID = 'scaling';
const TITLE = 'scaling: 1, 10, 50 images — wall time, imageforge’s own CPU time and peak memory';

/** The heading names the sizes that ran (smoke runs use others). */
function titleFor(sizes: readonly number[]): string {
  if (sizes.length === 0) return TITLE;
  return TITLE.replace(
    '1, 10, 50 images',
    `${sizes.join(', ')} image${sizes.length === 1 && sizes[0] === 1 ? '' : 's'}`,
  );
}
export const DEFAULT_SCALING_SIZES = [1, 10, 50];
/** Targets: at this size, imageforge's CPU under this share of the wall time (cold); memory always. */
export const SCALING_TARGETS = { images: 50, maxCpuShare: 0.05, maxRssBytes: 200 * 1e6 };

export const scalingSection: BenchSection = { id: SECTION_ID, title: TITLE, run: runScaling };

/** BENCH_SCALING_SIZES=`1,10,50` (default) → [1, 10, 50]; smoke runs pass e.g. `1,5`. */
export function scalingSizes(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === '') return [...DEFAULT_SCALING_SIZES];
  const sizes = raw.split(',').map((item) => Number(item.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1 || size > 500)) {
    throw new Error(`BENCH_SCALING_SIZES must be comma-separated integers 1–500, got "${raw}"`);
  }
  return [...new Set(sizes)].sort((a, b) => a - b);
}

async function runScaling(context: BenchContext): Promise<SectionResult> {
  const scenarios: ScenarioResult[] = [];
  for (const size of scalingSizes(context.env.BENCH_SCALING_SIZES)) {
    const prepared = await prepareSet(context.root, `${SECTION_ID}-${size}`, scalingSet(size), context.env);
    try {
      for (const { base, ...spec } of scalingSpecs(context, prepared, size)) {
        if (!scenarioSelected(context.scenarios, base, spec.name)) continue;
        context.log(`${SECTION_ID}: scenario ${spec.name} (${spec.runs} rounds)`);
        scenarios.push(
          await runScenario(spec, {
            root: context.root,
            env: context.env,
            timeoutMs: context.timeoutMs,
            log: context.log,
          }),
        );
      }
    } finally {
      await rm(prepared.workDir, { recursive: true, force: true });
    }
  }
  return summarizeScaling(scenarios);
}

/** cold-N (imageforge and bake, from nothing) and warm-N (imageforge, all up to date). */
function scalingSpecs(
  context: BenchContext,
  prepared: PreparedSet,
  size: number,
): (ScenarioSpec & { base: string })[] {
  const imageforge = imageforgeOn(context.root, prepared, { id: 'imageforge', label: 'imageforge' });
  const bake = bakeOn(prepared);
  const env = context.env;
  const collect = collectFor([imageforge]);
  return [
    {
      base: 'cold',
      name: `cold-${size}`,
      description: `${size} image(s); before every run the images removed and \`docker buildx prune -af\``,
      competitors: [imageforge.competitor, bake],
      runs: context.runs,
      prime: false,
      beforeEach: (competitor) => resetToCold(refsOf(prepared, competitor), { env }),
      collect,
      verify: verifySet(prepared, env, { imageforge: { built: size, upToDate: 0 } }),
    },
    {
      base: 'warm',
      name: `warm-${size}`,
      description: `${size} image(s), all up to date: imageforge checks them and skips BuildKit`,
      competitors: [imageforge.competitor],
      runs: context.runs,
      prime: true,
      collect,
      verify: verifySet(prepared, env, { imageforge: { built: 0, upToDate: size } }),
    },
  ];
}

interface ScalingRow {
  scenario: ScenarioResult;
  images: number;
  kind: string;
  figures: FiguresSummary;
}

function toRow(scenario: ScenarioResult): ScalingRow {
  const [kind = scenario.name, images = '0'] = scenario.name.split('-');
  const own = scenario.competitors.find((competitor) => competitor.id === 'imageforge');
  return { scenario, images: Number(images), kind, figures: summarizeFigures(own?.samples ?? []) };
}

export function summarizeScaling(scenarios: readonly ScenarioResult[]): SectionResult {
  const rows = scenarios.map(toRow);
  const header = [
    'images',
    'scenario',
    'imageforge',
    'bake',
    'imageforge − bake',
    'imageforge CPU',
    'CPU ÷ wall',
    'outside BuildKit ÷ wall',
    'children CPU',
    'peak RSS (median / max)',
    'built / up to date',
  ];
  const body = rows.map(({ scenario, images, kind, figures }) => [
    String(images),
    kind,
    formatMedianCell(scenario, 'imageforge'),
    formatMedianCell(scenario, 'bake'),
    formatDifference(scenario, 'imageforge', 'bake'),
    figures.cpuMs === undefined ? '—' : `${(figures.cpuMs / 1000).toFixed(2)} s`,
    formatShare(figures.cpuShare),
    formatShare(figures.outsideBuildShare),
    figures.childrenCpuMs === undefined ? '—' : `${(figures.childrenCpuMs / 1000).toFixed(2)} s`,
    `${formatMegabytes(figures.maxRssBytesMedian)} / ${formatMegabytes(figures.maxRssBytesMax)}`,
    figures.counts ?? '—',
  ]);
  const verdict = scalingVerdict(rows);
  const title = titleFor([...new Set(rows.map((row) => row.images))]);
  const markdown = [
    `## ${title}`,
    '',
    `Targets: at ${SCALING_TARGETS.images} images (cold), imageforge’s own CPU time under` +
      ` ${SCALING_TARGETS.maxCpuShare * 100}% of the wall time; peak memory under` +
      ` ${SCALING_TARGETS.maxRssBytes / 1e6} MB in every run.`,
    '',
    body.length === 0
      ? '_no scenarios ran_'
      : renderMarkdownTable(header, body, [
          'right',
          'left',
          ...header.slice(2, -1).map(() => 'right' as const),
          'right',
        ]),
    '',
    ...verdict.lines,
    '',
    ...rows.map(({ scenario }) => `- **${scenario.name}**: ${scenario.description}`),
    '- _imageforge CPU_: user + system CPU of the imageforge node process itself — getrusage(RUSAGE_SELF)' +
      ' written at exit by `bench/lib/process-usage-preload.mjs` (`node --import`), all its threads,' +
      ' none of its children; _CPU ÷ wall_: that, divided by the run’s wall time (median over runs).',
    '- _outside BuildKit ÷ wall_: (wall − report.json `timings.buildMs`) ÷ wall — node start-up, plan,' +
      ' preflight, the up-to-date check, reports and history; time imageforge makes the user wait for,' +
      ' partly waiting on the engine rather than computing.',
    '- _children CPU_: CPU of the processes imageforge started and waited for (buildx, docker CLI, git),' +
      ' from /proc/self/stat at exit — BuildKit’s client side, reported apart, not counted as imageforge’s.',
    '- _peak RSS_: the imageforge process’s maximum resident set size (getrusage `ru_maxrss`).',
    '',
    renderDetailsTable(scenarios),
  ].join('\n');
  return {
    id: SECTION_ID,
    title,
    scenarios: [...scenarios],
    markdown,
    failures: scenarioFailures(scenarios),
    targetsMet: verdict.met,
  };
}

function scalingVerdict(rows: readonly ScalingRow[]): { lines: string[]; met: boolean | undefined } {
  const target = rows.find((row) => row.kind === 'cold' && row.images === SCALING_TARGETS.images);
  const peaks = rows.flatMap((row) =>
    row.figures.maxRssBytesMax === undefined ? [] : [row.figures.maxRssBytesMax],
  );
  const peak = peaks.length > 0 ? Math.max(...peaks) : undefined;
  const memoryMet = peak === undefined ? undefined : peak < SCALING_TARGETS.maxRssBytes;
  const share = target?.figures.cpuShare;
  const cpuMet = share === undefined ? undefined : share < SCALING_TARGETS.maxCpuShare;
  const said = (met: boolean | undefined): string =>
    met === undefined ? 'n/a' : met ? 'met' : '**not met**';
  const phases = target === undefined ? {} : medianTimings(target.scenario.competitors[0]?.samples ?? []);
  const lines = [
    target === undefined
      ? `- overhead: n/a — the ${SCALING_TARGETS.images}-image cold scenario did not run`
      : `- overhead at ${SCALING_TARGETS.images} images (cold): imageforge CPU ${formatShare(share)} of the` +
        ` wall time — ${said(cpuMet)} (< ${SCALING_TARGETS.maxCpuShare * 100}%); time outside the BuildKit` +
        ` phase ${formatShare(target.figures.outsideBuildShare)} of the wall time` +
        ` (${said(
          target.figures.outsideBuildShare === undefined
            ? undefined
            : target.figures.outsideBuildShare < SCALING_TARGETS.maxCpuShare,
        )} by the same 5% bar); ${formatDifference(target.scenario, 'imageforge', 'bake')} against bake`,
    ...(Object.keys(phases).length === 0
      ? []
      : [
          `- imageforge’s phases at ${SCALING_TARGETS.images} images, cold (report.json \`timings\`, medians;` +
            ` _other_ = wall − all phases: node start-up, report and history writing): ${formatTimings(phases)}`,
        ]),
    `- memory: highest peak RSS ${formatMegabytes(peak)} — ${said(memoryMet)}` +
      ` (< ${SCALING_TARGETS.maxRssBytes / 1e6} MB)`,
  ];
  const met = cpuMet === undefined || memoryMet === undefined ? undefined : cpuMet && memoryMet;
  return { lines, met };
}
