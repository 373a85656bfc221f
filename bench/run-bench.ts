// Entry point of `npm run bench` (via scripts/bench.sh, which starts the bench engine and builds
// imageforge first). Runs the selected sections against DOCKER_HOST and writes bench/results/.
//
// Environment: BENCH_RUNS (5), BENCH_SECTIONS (all; comma-separated ids), BENCH_SCENARIOS (all; e.g.
// `cold`), BENCH_TIMEOUT_SECONDS (600 per run), BENCH_ENFORCE_TARGETS=1 (missed targets fail the run),
// BENCH_NOTE (free text recorded in the results, e.g. that `npm run build` failed), BENCH_RESULTS_DIR
// (bench/results), BENCH_SCALING_SIZES (1,10,50), BENCH_SMOKE=1 (one quick round of everything with
// small sizes, results in bench/work/smoke-results; see lib/smoke-defaults.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeEnvironment } from './lib/engine.js';
import { updateDocs, writeResults } from './lib/results.js';
import type { BenchContext, BenchSection } from './lib/section.js';
import { withSmokeDefaults } from './lib/smoke-defaults.js';
import type { BenchResults, SectionResult } from './lib/types.js';
import { cacheSection } from './scenarios/cache.js';
import { jenkinsHaSection } from './scenarios/jenkins-ha.js';
import { historySection } from './scenarios/history.js';
import { graph12Section } from './scenarios/graph12.js';
import { overheadSection } from './scenarios/overhead.js';
import { scalingSection } from './scenarios/scaling.js';

const SECTIONS: readonly BenchSection[] = [
  jenkinsHaSection,
  overheadSection,
  graph12Section,
  scalingSection,
  cacheSection,
  historySection,
];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENV = withSmokeDefaults(process.env);

function log(message: string): void {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function positiveInteger(name: string, fallback: number): number {
  const raw = ENV[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function list(name: string): string[] {
  return (ENV[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function selectSections(ids: readonly string[]): BenchSection[] {
  const unknown = ids.filter((id) => !SECTIONS.some((section) => section.id === id));
  if (unknown.length > 0) {
    throw new Error(
      `unknown BENCH_SECTIONS: ${unknown.join(', ')} (known: ${SECTIONS.map((s) => s.id).join(', ')})`,
    );
  }
  return SECTIONS.filter((section) => ids.length === 0 || ids.includes(section.id));
}

async function main(): Promise<number> {
  const dockerHost = ENV.DOCKER_HOST ?? '';
  // Benchmarks prune all build cache: never let them loose on whatever engine happens to be default.
  if (dockerHost === '')
    throw new Error('DOCKER_HOST is not set; run through `npm run bench` (scripts/bench.sh)');
  const context: BenchContext = {
    root: ROOT,
    runs: positiveInteger('BENCH_RUNS', 5),
    env: { ...ENV },
    timeoutMs: positiveInteger('BENCH_TIMEOUT_SECONDS', 600) * 1000,
    scenarios: list('BENCH_SCENARIOS'),
    log,
  };
  const sections = selectSections(list('BENCH_SECTIONS'));
  const startedAt = new Date().toISOString();
  const environment = await describeEnvironment({ env: context.env });
  log(`engine ${dockerHost} (Docker ${environment.serverVersion ?? 'unreachable'}), ${context.runs} runs`);

  const results: SectionResult[] = [];
  for (const section of sections) {
    log(`section ${section.id}`);
    const sectionStarted = performance.now();
    results.push(await section.run(context));
    log(`section ${section.id} done in ${((performance.now() - sectionStarted) / 1000).toFixed(0)} s`);
  }
  const note = ENV.BENCH_NOTE;
  const benchResults: BenchResults = {
    schemaVersion: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    runs: context.runs,
    environment,
    notes: note ? [note] : [],
    sections: results,
  };
  const resultsDir = path.resolve(ROOT, ENV.BENCH_RESULTS_DIR || path.join('bench', 'results'));
  const written = await writeResults(resultsDir, benchResults);
  // a partial run (BENCH_SECTIONS/BENCH_SCENARIOS/BENCH_SCALING_SIZES/BENCH_RUNS<5/BENCH_SMOKE) must not
  // overwrite the published table
  const complete =
    context.runs >= 5 &&
    !ENV.BENCH_SECTIONS &&
    !ENV.BENCH_SCENARIOS &&
    !ENV.BENCH_SCALING_SIZES &&
    ENV.BENCH_SMOKE !== '1';
  if (complete) await updateDocs(path.join(ROOT, 'docs', 'performance.md'), benchResults);
  for (const section of results) console.log(`\n${section.markdown}`);
  log(`results: ${path.relative(ROOT, written.timestamped)}, ${path.relative(ROOT, written.latestMarkdown)}`);

  const failures = results.flatMap((section) =>
    section.failures.map((failure) => `${section.id}: ${failure}`),
  );
  for (const failure of failures) log(`FAILED ${failure}`);
  const missedTargets = results
    .filter((section) => section.targetsMet === false)
    .map((section) => section.id);
  if (missedTargets.length > 0) log(`targets missed in: ${missedTargets.join(', ')}`);
  const enforce = ENV.BENCH_ENFORCE_TARGETS === '1';
  return failures.length > 0 || (enforce && missedTargets.length > 0) ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error: unknown) {
  log(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
