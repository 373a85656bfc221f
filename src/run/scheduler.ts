// Runs tasks over a dependency graph: at most `parallel` at once, each as soon as all of its
// dependencies succeeded. A failure skips its dependents only (or stops everything with failFast).

export type TaskOutcome = 'succeeded' | 'failed' | 'cancelled';

export interface ScheduleOptions {
  /** name → direct dependencies (all within `names`). */
  dependencies: Record<string, string[]>;
  /** Names in a deterministic preferred order (e.g. topological). */
  names: string[];
  parallel: number;
  failFast: boolean;
  signal?: AbortSignal;
  run: (name: string) => Promise<TaskOutcome>;
  /** Outcomes already known for dependencies outside `names` (e.g. built in a batch). */
  completed?: Record<string, TaskOutcome>;
  /** Called when a task will never run, with the reason. */
  onSkip?: (name: string, reason: string) => void;
}

export interface ScheduleResult {
  outcomes: Record<string, TaskOutcome | 'skipped'>;
}

export async function runSchedule(options: ScheduleOptions): Promise<ScheduleResult> {
  const outcomes: Record<string, TaskOutcome | 'skipped'> = { ...options.completed };
  const running = new Map<string, Promise<void>>();
  let stopping = false;

  const skipDependents = (): void => {
    for (const name of options.names) {
      if (outcomes[name] !== undefined || running.has(name)) continue;
      const blocker = (options.dependencies[name] ?? []).find((dep) => {
        const outcome = outcomes[dep];
        return outcome !== undefined && outcome !== 'succeeded';
      });
      if (blocker !== undefined) {
        outcomes[name] = 'skipped';
        const outcome = outcomes[blocker];
        options.onSkip?.(name, `dependency ${outcome === 'skipped' ? 'skipped' : outcome}: ${blocker}`);
        skipDependents();
        return;
      }
    }
  };

  const ready = (): string[] =>
    options.names.filter(
      (name) =>
        outcomes[name] === undefined &&
        !running.has(name) &&
        (options.dependencies[name] ?? []).every((dep) => outcomes[dep] === 'succeeded'),
    );

  skipDependents();
  for (;;) {
    if (options.signal?.aborted) stopping = true;
    if (!stopping) {
      for (const name of ready()) {
        if (running.size >= Math.max(1, options.parallel)) break;
        const task = options.run(name).then(
          (outcome) => finish(name, outcome),
          () => finish(name, 'failed'),
        );
        running.set(name, task);
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  for (const name of options.names) {
    if (outcomes[name] !== undefined) continue;
    outcomes[name] = 'skipped';
    options.onSkip?.(
      name,
      options.signal?.aborted ? 'run cancelled' : 'run stopped after a failure (--fail-fast)',
    );
  }
  return { outcomes };

  function finish(name: string, outcome: TaskOutcome): void {
    running.delete(name);
    outcomes[name] = outcome;
    if (outcome !== 'succeeded') {
      if (options.failFast) stopping = true;
      skipDependents();
    }
  }
}
