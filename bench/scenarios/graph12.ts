// Section "graph12": a generated 12-image set with dependencies (2 bases → 4 mids → 6 leaves, every
// image COPYs files and runs real work) built by imageforge, a sequential buildx loop and `docker
// buildx bake` — cold, warm, and after one file of one leaf changed. imageforge also runs with
// `--force` in the warm scenarios, which measures what its up-to-date skip gains.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compareScenario, renderDetailsTable, type ComparisonTargets } from '../lib/comparison.js';
import { resetToCold } from '../lib/engine.js';
import { collectFor } from '../lib/imageforge-competitor.js';
import {
  bakeOn,
  imageforgeOn,
  prepareSet,
  refsOf,
  scenarioFailures,
  scenarioSelected,
  sequentialOn,
  verifySet,
  type PreparedSet,
} from '../lib/image-set-bench.js';
import { renderMarkdownTable } from '../lib/markdown-table.js';
import { runScenario, type ScenarioSpec } from '../lib/run-scenario.js';
import { formatShare, renderPhaseNotes, summarizeFigures } from '../lib/run-figures.js';
import { formatMedianCell, formatRatio, medianOf, medianRatio } from '../lib/scenario-ratios.js';
import type { BenchContext, BenchSection } from '../lib/section.js';
import type { ScenarioResult, SectionResult } from '../lib/types.js';
import { GRAPH12_CHANGED_FILE, GRAPH12_CHANGED_LEAF, graph12Set } from '../workloads/image-set.js';

const SECTION_ID = 'graph12';
const TITLE =
  'generated 12-image set (2 bases → 4 mids → 6 leaves): imageforge vs sequential buildx loop vs bake';
const IMAGE_COUNT = 12;

export const GRAPH12_TARGETS: ComparisonTargets = {
  subject: 'imageforge',
  speedup: { against: 'sequential', min: 1.5 },
  ratio: { against: 'bake', max: 1.05 },
};
/** Scenarios the targets apply to (the leaf change is reported, not judged). */
export const GRAPH12_TARGET_SCENARIOS = ['cold', 'warm'];

export const graph12Section: BenchSection = { id: SECTION_ID, title: TITLE, run: runGraph12 };

async function runGraph12(context: BenchContext): Promise<SectionResult> {
  const prepared = await prepareSet(context.root, SECTION_ID, graph12Set(), context.env);
  try {
    const scenarios: ScenarioResult[] = [];
    for (const spec of scenarioSpecs(context, prepared)) {
      if (!scenarioSelected(context.scenarios, spec.name)) continue;
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
    return summarizeGraph12(scenarios);
  } finally {
    await rm(prepared.workDir, { recursive: true, force: true });
  }
}

function scenarioSpecs(context: BenchContext, prepared: PreparedSet): ScenarioSpec[] {
  const imageforge = imageforgeOn(context.root, prepared, { id: 'imageforge', label: 'imageforge' });
  const forced = imageforgeOn(context.root, prepared, {
    id: 'imageforge-force',
    label: 'imageforge --force',
    extraArgs: ['--force'],
  });
  const sequential = sequentialOn(prepared);
  const bake = bakeOn(prepared);
  const env = context.env;
  const collect = collectFor([imageforge, forced]);
  const all = [imageforge.competitor, forced.competitor, sequential, bake];
  let edits = 0;
  const changeLeaf = async (): Promise<void> => {
    const file = path.join(prepared.workDir, GRAPH12_CHANGED_LEAF, GRAPH12_CHANGED_FILE);
    await writeFile(file, `edit ${++edits} at ${new Date().toISOString()}\n`);
  };
  const forcedBuildsAll = { 'imageforge-force': { built: IMAGE_COUNT, upToDate: 0 } };
  return [
    {
      name: 'cold',
      description:
        "before every run: the set's images removed and `docker buildx prune -af`; base image kept",
      competitors: [imageforge.competitor, sequential, bake],
      runs: context.runs,
      prime: false,
      beforeEach: (competitor) => resetToCold(refsOf(prepared, competitor), { env }),
      collect,
      verify: verifySet(prepared, env, { imageforge: { built: IMAGE_COUNT, upToDate: 0 } }),
    },
    {
      name: 'warm',
      description:
        'everything cached and the images present (one unmeasured priming run each); imageforge finds' +
        ' all 12 up to date, `imageforge build --force` runs BuildKit on all 12 like the loop and bake do',
      competitors: all,
      runs: context.runs,
      prime: true,
      collect,
      verify: verifySet(prepared, env, {
        imageforge: { built: 0, upToDate: IMAGE_COUNT },
        ...forcedBuildsAll,
      }),
    },
    {
      name: 'leaf-change',
      description:
        `warm, then before every run one file of \`${GRAPH12_CHANGED_LEAF}\` rewritten` +
        ` (\`${GRAPH12_CHANGED_FILE}\`): imageforge rebuilds that leaf and skips the other 11;` +
        ' the loop, bake and `--force` run all 12 through BuildKit (11 from cache)',
      competitors: all,
      runs: context.runs,
      prime: true,
      beforeEach: changeLeaf,
      collect,
      verify: verifySet(prepared, env, {
        imageforge: { built: 1, upToDate: IMAGE_COUNT - 1 },
        ...forcedBuildsAll,
      }),
    },
  ];
}

export function summarizeGraph12(scenarios: readonly ScenarioResult[]): SectionResult {
  const comparisons = scenarios.map((scenario) => ({
    scenario,
    row: compareScenario(scenario, GRAPH12_TARGETS),
    judged: GRAPH12_TARGET_SCENARIOS.includes(scenario.name),
  }));
  const header = [
    'scenario',
    'imageforge',
    'imageforge --force',
    'sequential',
    'bake',
    'sequential ÷ imageforge (speedup)',
    'imageforge ÷ bake (ratio)',
    '--force ÷ bake',
    'skip gain (--force ÷ imageforge)',
    'targets met?',
  ];
  const rows = comparisons.map(({ scenario, row, judged }) => [
    scenario.name,
    formatMedianCell(scenario, 'imageforge'),
    formatMedianCell(scenario, 'imageforge-force'),
    formatMedianCell(scenario, 'sequential'),
    formatMedianCell(scenario, 'bake'),
    formatRatio(row.speedup),
    formatRatio(row.ratio),
    formatRatio(medianRatio(scenario, 'imageforge-force', 'bake')),
    formatRatio(medianRatio(scenario, 'imageforge-force', 'imageforge')),
    !judged ? 'no target' : row.targetsMet === undefined ? 'n/a' : row.targetsMet ? 'yes' : 'no',
  ]);
  const judged = comparisons.filter((item) => item.judged);
  const verdicts = judged.map((item) => item.row.targetsMet);
  const targetsMet =
    verdicts.length === 0 || verdicts.includes(undefined) ? undefined : verdicts.every(Boolean);
  const markdown = [
    `## ${TITLE}`,
    '',
    `Targets (cold and warm): imageforge at least ${GRAPH12_TARGETS.speedup.min}× faster than the` +
      ` sequential loop and within ${GRAPH12_TARGETS.ratio.max}× of bake.`,
    '',
    rows.length === 0
      ? '_no scenarios ran_'
      : renderMarkdownTable(header, rows, [
          'left',
          ...header.slice(1, -1).map(() => 'right' as const),
          'left',
        ]),
    '',
    ...verdictLines(judged.map(({ scenario, row }) => ({ name: scenario.name, row }))),
    ...skipGainLines(scenarios),
    '',
    ...scenarios.map((scenario) => `- **${scenario.name}**: ${scenario.description}`),
    `- Each competitor builds its own tags (\`<tag>-imageforge\`, \`-sequential\`, \`-bake\`; \`--force\`` +
      ' shares imageforge’s), sharing only the build cache. After every run the harness checks that all' +
      ' 12 images exist and that imageforge’s report built / skipped what the scenario says.',
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
    targetsMet,
  };
}

function verdictLines(
  judged: readonly { name: string; row: ReturnType<typeof compareScenario> }[],
): string[] {
  if (judged.length === 0) return [];
  const state = (value: number | undefined, met: (value: number) => boolean): string =>
    value === undefined ? 'n/a' : `${value.toFixed(2)}× — ${met(value) ? 'met' : '**not met**'}`;
  return judged.flatMap(({ name, row }) => [
    `- ${name}: speedup over the sequential loop ` +
      state(row.speedup, (value) => value >= GRAPH12_TARGETS.speedup.min) +
      `; ratio to bake ${state(row.ratio, (value) => value <= GRAPH12_TARGETS.ratio.max)}`,
  ]);
}

function skipGainLines(scenarios: readonly ScenarioResult[]): string[] {
  return scenarios
    .filter((scenario) => medianOf(scenario, 'imageforge-force') !== undefined)
    .map((scenario) => {
      const own = scenario.competitors.find((competitor) => competitor.id === 'imageforge');
      const figures = summarizeFigures(own?.samples ?? []);
      return (
        `- incremental skip, ${scenario.name}: ${formatMedianCell(scenario, 'imageforge-force')} with` +
        ` \`--force\` → ${formatMedianCell(scenario, 'imageforge')} as run normally` +
        ` (${formatRatio(medianRatio(scenario, 'imageforge-force', 'imageforge'))} faster;` +
        ` built/up to date ${figures.counts ?? '—'}; imageforge’s own CPU` +
        ` ${figures.cpuMs === undefined ? '—' : `${(figures.cpuMs / 1000).toFixed(2)} s`},` +
        ` ${formatShare(figures.cpuShare)} of its wall time)`
      );
    });
}
