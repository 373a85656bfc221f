// Section "overhead": what imageforge costs on top of BuildKit for one image. The same generated
// image (COPY + two RUN steps of real work) built by imageforge and by a plain `docker buildx build
// --load`, cold (no images, no build cache) and warm — imageforge with `--force` (BuildKit runs,
// everything cached: the pure orchestration cost) and as users run it (up to date: BuildKit skipped).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { resetToCold } from '../lib/engine.js';
import { collectFor } from '../lib/imageforge-competitor.js';
import {
  imageforgeOn,
  prepareSet,
  refsOf,
  scenarioFailures,
  scenarioSelected,
  verifySet,
  type PreparedSet,
} from '../lib/image-set-bench.js';
import { renderDetailsTable } from '../lib/comparison.js';
import { renderMarkdownTable } from '../lib/markdown-table.js';
import { runScenario, type ScenarioSpec } from '../lib/run-scenario.js';
import { formatMegabytes, formatShare, renderPhaseNotes, summarizeFigures } from '../lib/run-figures.js';
import { formatDifference, formatMedianCell, formatRatio, medianRatio } from '../lib/scenario-ratios.js';
import type { BenchContext, BenchSection } from '../lib/section.js';
import type { Competitor, ScenarioResult, SectionResult } from '../lib/types.js';
import { singleImageSet } from '../workloads/image-set.js';

const SECTION_ID = 'overhead';
const TITLE = 'orchestration overhead: one image, imageforge vs plain `docker buildx build`';

export const overheadSection: BenchSection = { id: SECTION_ID, title: TITLE, run: runOverhead };

/** The reference: exactly the buildx command a user would type for this image. */
function buildxOn(prepared: PreparedSet): Competitor {
  const tag = `${prepared.tag}-buildx`;
  const ref = `${prepared.registry}/${prepared.set.repository}/app:${tag}`;
  return {
    id: 'buildx',
    label: 'docker buildx build',
    command: 'docker',
    args: [
      'buildx',
      'build',
      '--load',
      '--progress',
      'quiet',
      '--build-arg',
      `REGISTRY=${prepared.registry}`,
      '--build-arg',
      `TAG=${tag}`,
      '-t',
      ref,
      path.posix.join(prepared.relativeDir, 'app'),
    ],
    env: { TAG: tag },
  };
}

async function runOverhead(context: BenchContext): Promise<SectionResult> {
  const prepared = await prepareSet(context.root, SECTION_ID, singleImageSet(), context.env);
  try {
    const imageforge = imageforgeOn(context.root, prepared, { id: 'imageforge', label: 'imageforge' });
    const forced = imageforgeOn(context.root, prepared, {
      id: 'imageforge-force',
      label: 'imageforge --force',
      extraArgs: ['--force'],
    });
    const buildx = buildxOn(prepared);
    const env = { ...context.env, IMAGEFORGE_REGISTRY: prepared.registry };
    const collect = collectFor([imageforge, forced]);
    const specs: ScenarioSpec[] = [
      {
        name: 'cold',
        description: 'before every run: the image removed and `docker buildx prune -af`; base image kept',
        competitors: [imageforge.competitor, buildx],
        runs: context.runs,
        prime: false,
        beforeEach: (competitor) => resetToCold(refsOf(prepared, competitor), { env }),
        collect,
        verify: verifySet(prepared, env, { imageforge: { built: 1, upToDate: 0 } }),
      },
      {
        name: 'warm',
        description:
          'everything cached, the image present (one unmeasured priming run each); `imageforge build --force`' +
          ' runs BuildKit like buildx does, `imageforge` finds the image up to date and skips BuildKit',
        competitors: [forced.competitor, imageforge.competitor, buildx],
        runs: context.runs,
        prime: true,
        collect,
        verify: verifySet(prepared, env, {
          imageforge: { built: 0, upToDate: 1 },
          'imageforge-force': { built: 1, upToDate: 0 },
        }),
      },
    ];
    const scenarios: ScenarioResult[] = [];
    for (const spec of specs.filter((item) => scenarioSelected(context.scenarios, item.name))) {
      context.log(`${SECTION_ID}: scenario ${spec.name} (${spec.runs} rounds)`);
      scenarios.push(
        await runScenario(spec, { root: context.root, env, timeoutMs: context.timeoutMs, log: context.log }),
      );
    }
    return summarizeOverhead(scenarios);
  } finally {
    await rm(prepared.workDir, { recursive: true, force: true });
  }
}

export function summarizeOverhead(scenarios: readonly ScenarioResult[]): SectionResult {
  const header = [
    'scenario',
    'imageforge',
    'imageforge --force',
    'buildx',
    'imageforge ÷ buildx',
    '--force ÷ buildx',
    'imageforge − buildx',
    'imageforge CPU',
    'peak RSS',
  ];
  const rows = scenarios.map((scenario) => {
    const own = scenario.competitors.find((competitor) => competitor.id === 'imageforge');
    const figures = summarizeFigures(own?.samples ?? []);
    return [
      scenario.name,
      formatMedianCell(scenario, 'imageforge'),
      formatMedianCell(scenario, 'imageforge-force'),
      formatMedianCell(scenario, 'buildx'),
      formatRatio(medianRatio(scenario, 'imageforge', 'buildx')),
      formatRatio(medianRatio(scenario, 'imageforge-force', 'buildx')),
      formatDifference(scenario, 'imageforge', 'buildx'),
      figures.cpuMs === undefined
        ? '—'
        : `${(figures.cpuMs / 1000).toFixed(2)} s (${formatShare(figures.cpuShare)})`,
      formatMegabytes(figures.maxRssBytesMedian),
    ];
  });
  const markdown = [
    `## ${TITLE}`,
    '',
    'Ratio = imageforge median ÷ `docker buildx build` median (1.00× = no overhead). No target: this' +
      ' is the fixed cost the graph sections pay once per run.',
    '',
    rows.length === 0
      ? '_no scenarios ran_'
      : renderMarkdownTable(header, rows, ['left', ...header.slice(1).map(() => 'right' as const)]),
    '',
    ...scenarios.map((scenario) => `- **${scenario.name}**: ${scenario.description}`),
    '- _imageforge CPU_: user + system CPU of the imageforge node process itself (getrusage at exit,' +
      ' median; share of its wall time in brackets), not of the buildx/docker processes it starts;' +
      ' _peak RSS_: the same process’s maximum resident set size (median).',
    ...renderPhaseNotes(scenarios),
    '',
    renderDetailsTable(scenarios),
  ].join('\n');
  return {
    id: SECTION_ID,
    title: TITLE,
    scenarios: [...scenarios],
    markdown,
    failures: scenarioFailures(scenarios),
    targetsMet: undefined,
  };
}
