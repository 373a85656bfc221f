// The benchmark's data model: what a run of one command yields, how runs roll up per competitor and
// scenario, and the shape of bench/results/*.json. Sections (jenkins-ha, later: generated sets,
// scaling, cache) all produce the same `SectionResult`, so results and tables stay uniform.

/** A command that builds an image set one way: imageforge, a buildx loop, bake, ... */
export interface Competitor {
  /** Stable key used in results JSON, e.g. `imageforge`. */
  id: string;
  /** Column heading, e.g. `sequential buildx`. */
  label: string;
  command: string;
  args: string[];
  /** Working directory; default the repository root. */
  cwd?: string;
  /** Extra environment for this competitor (e.g. its own image tag). */
  env?: Record<string, string>;
}

/** One timed execution of a competitor's command. */
export interface Sample {
  /** 1-based round; 0 marks an unmeasured priming run. */
  round: number;
  durationMs: number;
  ok: boolean;
  exitCode: number | undefined;
  timedOut: boolean;
  /** For failures: one line saying why (see summarizeFailureOutput). */
  error?: string;
  /** For failures: the last 20 lines of stdout + stderr. */
  outputTail?: string;
  /** What a successful imageforge run reported about itself (sections that collect it). */
  figures?: RunFigures;
}

/** One imageforge run's own figures: its process's resource usage and what report.json says. */
export interface RunFigures {
  /** CPU of imageforge's node process itself (getrusage RUSAGE_SELF at exit), user + system. */
  cpuMs?: number;
  /** Peak resident set size of imageforge's node process. */
  maxRssBytes?: number;
  /** CPU of the child processes it waited for (buildx, docker CLI, git): not imageforge's own. */
  childrenCpuMs?: number;
  /** report.json `timings` (planMs, preflightMs, checkMs, buildMs, publishMs, ...). */
  timings?: Record<string, number>;
  /** report.json `summary`: images built, and skipped because up to date. */
  built?: number;
  upToDate?: number;
}

export interface Summary {
  /** Undefined when no run succeeded. */
  medianMs: number | undefined;
  minMs: number | undefined;
  maxMs: number | undefined;
  okRuns: number;
  failedRuns: number;
}

export interface CompetitorResult {
  id: string;
  label: string;
  commandLine: string;
  samples: Sample[];
  summary: Summary;
}

export interface ScenarioResult {
  /** e.g. `cold`, `warm`. */
  name: string;
  description: string;
  competitors: CompetitorResult[];
}

export interface SectionResult {
  id: string;
  title: string;
  scenarios: ScenarioResult[];
  /** The section's markdown (heading, tables, notes), ready for latest.md. */
  markdown: string;
  /** Human-readable problems: failed competitors, missed targets when enforced, ... */
  failures: string[];
  /** Whether every target the section defines was met; undefined when it defines none or could not tell. */
  targetsMet: boolean | undefined;
}

export interface EnvironmentInfo {
  dockerHost: string;
  serverVersion: string | undefined;
  buildxVersion: string | undefined;
  cpus: number;
  node: string;
  platform: string;
}

export interface BenchResults {
  schemaVersion: 1;
  startedAt: string;
  finishedAt: string;
  runs: number;
  environment: EnvironmentInfo;
  /** Problems outside any section (e.g. `npm run build` failed before the harness started). */
  notes: string[];
  sections: SectionResult[];
}
