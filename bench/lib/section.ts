// What a benchmark section is: a named group of scenarios that shares competitors and targets.
// run-bench.ts runs the selected sections in order and collects their results.
import type { SectionResult } from './types.js';

export interface BenchContext {
  /** Repository root. */
  root: string;
  /** Measured runs per competitor and scenario. */
  runs: number;
  /** Environment for every command (DOCKER_HOST of the bench engine, ...). */
  env: Record<string, string | undefined>;
  /** Per-run timeout. */
  timeoutMs: number;
  /** Scenario names to run; empty = all the section has. */
  scenarios: string[];
  log: (message: string) => void;
}

export interface BenchSection {
  id: string;
  title: string;
  run(context: BenchContext): Promise<SectionResult>;
}
