// Runs one scenario: optional unmeasured priming runs, then `runs` rounds in which every competitor
// runs once, in an order rotated per round. `beforeEach` resets state (e.g. to cold) before every run.
import { interleavedOrder, summarize } from './stats.js';
import { formatCommandLine, runTimed } from './timing.js';
import type { Competitor, CompetitorResult, RunFigures, Sample, ScenarioResult } from './types.js';

export interface ScenarioSpec {
  name: string;
  description: string;
  competitors: Competitor[];
  runs: number;
  /** Run each competitor once, unmeasured, before round 1 (warm scenarios). */
  prime: boolean;
  beforeEach?: (competitor: Competitor) => Promise<void>;
  /** Reads what a successful run left behind about itself (untimed), e.g. its CPU time and report. */
  collect?: (competitor: Competitor) => Promise<RunFigures | undefined>;
  /** Checks what a successful run produced (untimed); a returned message turns the sample into a failure. */
  verify?: (competitor: Competitor, figures: RunFigures | undefined) => Promise<string | undefined>;
}

export interface ScenarioRunOptions {
  root: string;
  env: Record<string, string | undefined>;
  /** Per run; a run over it counts as failed. */
  timeoutMs: number;
  log: (message: string) => void;
}

export async function runScenario(spec: ScenarioSpec, options: ScenarioRunOptions): Promise<ScenarioResult> {
  const samples = new Map<string, Sample[]>(spec.competitors.map((competitor) => [competitor.id, []]));
  const runOne = async (competitor: Competitor, round: number): Promise<void> => {
    await spec.beforeEach?.(competitor);
    const sample = await runTimed(competitor, {
      round,
      root: options.root,
      env: { ...options.env, ...competitor.env },
      timeoutMs: options.timeoutMs,
    });
    const figures = sample.ok ? await spec.collect?.(competitor) : undefined;
    if (figures !== undefined) sample.figures = figures;
    const problem = sample.ok ? await spec.verify?.(competitor, figures) : undefined;
    if (problem !== undefined) Object.assign(sample, { ok: false, error: `verification: ${problem}` });
    samples.get(competitor.id)?.push(sample);
    const what = round === 0 ? 'prime' : `round ${round}/${spec.runs}`;
    const outcome = sample.ok ? `${(sample.durationMs / 1000).toFixed(2)} s` : `FAILED ${sample.error ?? ''}`;
    options.log(`${spec.name} ${what} ${competitor.id}: ${outcome}`);
  };

  if (spec.prime) {
    for (const competitor of spec.competitors) await runOne(competitor, 0);
  }
  for (let round = 1; round <= spec.runs; round++) {
    for (const competitor of interleavedOrder(spec.competitors, round)) await runOne(competitor, round);
  }

  const competitors: CompetitorResult[] = spec.competitors.map((competitor) => {
    const own = samples.get(competitor.id) ?? [];
    return {
      id: competitor.id,
      label: competitor.label,
      commandLine: formatCommandLine(competitor),
      samples: own,
      summary: summarize(own),
    };
  });
  return { name: spec.name, description: spec.description, competitors };
}
