// Section "jenkins-ha": the examples/jenkins-ha set built three ways — imageforge, a sequential
// `docker buildx build --load` loop (bench/sequential.sh) and `docker buildx bake`
// (bench/jenkins-ha.docker-bake.hcl) — cold (no images, no build cache) and warm (all cached).
import {
  compareScenario,
  renderComparisonTable,
  renderDetailsTable,
  type ComparisonTargets,
} from '../lib/comparison.js';
import { findMissingImages, resetToCold } from '../lib/engine.js';
import { runScenario, type ScenarioSpec } from '../lib/run-scenario.js';
import type { BenchContext, BenchSection } from '../lib/section.js';
import type { Competitor, ScenarioResult, SectionResult } from '../lib/types.js';

const IMAGE_NAMES = ['base', 'controller', 'agent-base', 'agent-inbound', 'agent-tools'] as const;

export const JENKINS_HA_TARGETS: ComparisonTargets = {
  subject: 'imageforge',
  speedup: { against: 'sequential', min: 1.5 },
  ratio: { against: 'bake', max: 1.05 },
};

export function jenkinsHaCompetitors(): Competitor[] {
  return [
    {
      id: 'imageforge',
      label: 'imageforge',
      command: 'node',
      args: [
        'bin/imageforge.js',
        'build',
        '-f',
        'examples/jenkins-ha/imageforge.yaml',
        '--progress',
        'quiet',
        // the same work as bake and the loop: building only (tests and scans are measured apart)
        '--no-gates',
      ],
    },
    { id: 'sequential', label: 'sequential buildx loop', command: 'bash', args: ['bench/sequential.sh'] },
    {
      id: 'bake',
      label: 'docker buildx bake',
      command: 'docker',
      args: ['buildx', 'bake', '-f', 'bench/jenkins-ha.docker-bake.hcl', '--progress', 'quiet'],
    },
  ];
}

export const jenkinsHaSection: BenchSection = {
  id: 'jenkins-ha',
  title: 'jenkins-ha example (5 images: base → controller, base → agent-base → agent-inbound, agent-tools)',
  run: runJenkinsHa,
};

async function runJenkinsHa(context: BenchContext): Promise<SectionResult> {
  const registry = context.env.IMAGEFORGE_REGISTRY ?? 'localhost:5000';
  const tag = context.env.TAG ?? 'bench';
  // Each competitor builds its own tags (`<tag>-<id>`), sharing only BuildKit's cache: otherwise a
  // warm run would find the images another tool just overwrote instead of its own.
  const competitors = jenkinsHaCompetitors().map((competitor) => ({
    ...competitor,
    env: { TAG: `${tag}-${competitor.id}` },
  }));
  const imageRefs = (competitor: Competitor): string[] =>
    IMAGE_NAMES.map((name) => `${registry}/jenkins/${name}:${competitor.env?.TAG ?? tag}`);
  // Every competitor reads the same registry and tag: imageforge and sequential.sh from
  // IMAGEFORGE_REGISTRY/TAG, bake from its REGISTRY/TAG variables (bake reads them from the env).
  const env = { ...context.env, IMAGEFORGE_REGISTRY: registry, REGISTRY: registry, TAG: tag };
  const verify = (competitor: Competitor): Promise<string | undefined> =>
    findMissingImages(imageRefs(competitor), { env });

  const specs: ScenarioSpec[] = [
    {
      name: 'cold',
      description:
        "before every run: the set's images removed and `docker buildx prune -af`; base image kept",
      competitors,
      runs: context.runs,
      prime: false,
      beforeEach: (competitor) => resetToCold(imageRefs(competitor), { env }),
      verify,
    },
    {
      name: 'warm',
      description: 'everything cached and the images present (one unmeasured priming run per competitor)',
      competitors,
      runs: context.runs,
      prime: true,
      verify,
    },
  ];
  const selected = specs.filter(
    (spec) => context.scenarios.length === 0 || context.scenarios.includes(spec.name),
  );
  const scenarios: ScenarioResult[] = [];
  for (const spec of selected) {
    context.log(`jenkins-ha: scenario ${spec.name} (${spec.runs} rounds)`);
    scenarios.push(
      await runScenario(spec, { root: context.root, env, timeoutMs: context.timeoutMs, log: context.log }),
    );
  }
  return summarizeSection(scenarios);
}

export function summarizeSection(scenarios: readonly ScenarioResult[]): SectionResult {
  const rows = scenarios.map((scenario) => compareScenario(scenario, JENKINS_HA_TARGETS));
  const failures = scenarios.flatMap((scenario) =>
    scenario.competitors
      .filter((competitor) => competitor.summary.failedRuns > 0)
      .map((competitor) => {
        const firstError = competitor.samples.find((sample) => !sample.ok && sample.round > 0)?.error ?? '';
        const total = competitor.summary.failedRuns + competitor.summary.okRuns;
        return `${scenario.name}: ${competitor.id} failed ${competitor.summary.failedRuns}/${total} runs — ${firstError}`;
      }),
  );
  const verdicts = rows.map((row) => row.targetsMet);
  const targetsMet =
    verdicts.includes(undefined) || verdicts.length === 0 ? undefined : verdicts.every(Boolean);
  const { subject, speedup, ratio } = JENKINS_HA_TARGETS;
  const markdown = [
    `## ${jenkinsHaSection.title}`,
    '',
    `Targets: ${subject} at least ${speedup.min}× faster than the ${speedup.against} loop` +
      ` (speedup = ${speedup.against} median ÷ ${subject} median) and within ${ratio.max}× of ${ratio.against}` +
      ` (ratio = ${subject} median ÷ ${ratio.against} median).`,
    '',
    renderComparisonTable(rows, JENKINS_HA_TARGETS),
    '',
    ...scenarios.map((scenario) => `- **${scenario.name}**: ${scenario.description}`),
    '',
    renderDetailsTable(scenarios),
  ].join('\n');
  return {
    id: jenkinsHaSection.id,
    title: jenkinsHaSection.title,
    scenarios: [...scenarios],
    markdown,
    failures,
    targetsMet,
  };
}
