// Parses the classic builder's plain output ("Step 2/5 : RUN ...", " ---> Using cache") into the
// same step records BuildKit builds produce, so legacy builds get cache figures and log tails too.
import type { CacheFigures, StepResult } from '../report/report-types.js';

interface LegacyStep {
  name: string;
  cacheable: boolean;
  cached: boolean;
  startedAt: number;
  endedAt: number | undefined;
  log: string[];
}

export interface LegacyStepChange {
  kind: 'step-started' | 'step-done' | 'log';
  index: number;
  total: number;
  step: { name: string; cached: boolean };
  line?: string;
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;

export class LegacyOutputParser {
  private readonly items: LegacyStep[] = [];
  private total = 0;

  /**
   * @param appendedLabels `key=value` of the --label flags: the classic builder appends each as a
   *   `LABEL` step after the Dockerfile's own; they are not Dockerfile instructions, so not cacheable.
   */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly appendedLabels: ReadonlySet<string> = new Set(),
  ) {}

  /** Feed one line of `docker build` output (stdout or stderr). */
  update(line: string): LegacyStepChange[] {
    const changes: LegacyStepChange[] = [];
    const match = STEP.exec(line);
    const current = this.items.at(-1);
    if (match) {
      if (current) changes.push(...this.close(current));
      this.total = Number(match[2]);
      const text = match[3] ?? '';
      const step: LegacyStep = {
        name: `[${match[1]}/${match[2]}] ${text}`,
        cacheable: !/^FROM\s/i.test(text) && !this.appendedLabels.has(text.replace(/^LABEL\s+/, '')),
        cached: false,
        startedAt: this.now(),
        endedAt: undefined,
        log: [],
      };
      this.items.push(step);
      changes.push(this.change('step-started', step));
      return changes;
    }
    if (!current) return changes;
    if (/^ ---> Using cache$/.test(line)) current.cached = true;
    else if (/^Successfully (built|tagged) /.test(line)) changes.push(...this.close(current));
    else if (!line.startsWith(' ---> ') && line.trim() !== '') {
      current.log.push(line);
      changes.push({ ...this.change('log', current), line });
    }
    return changes;
  }

  steps(failureMessage?: string, logTailLines = 20): StepResult[] {
    return this.items.map((step, index) => {
      const failed =
        failureMessage !== undefined && index === this.items.length - 1 && step.endedAt === undefined;
      const end = step.endedAt ?? this.now();
      return {
        name: step.name,
        cacheable: step.cacheable,
        cached: step.cached,
        durationMs: Math.max(0, end - step.startedAt),
        ...(failed ? { error: failureMessage, logTail: step.log.slice(-logTailLines) } : {}),
      };
    });
  }

  cacheFigures(): CacheFigures {
    const cacheable = this.items.filter((step) => step.cacheable);
    const cached = cacheable.filter((step) => step.cached).length;
    return {
      totalSteps: cacheable.length,
      cachedSteps: cached,
      hitRatio: cacheable.length === 0 ? 0 : cached / cacheable.length,
      vertexTotal: this.items.length,
      vertexCached: this.items.filter((step) => step.cached).length,
    };
  }

  logTail(lines = 20): string[] {
    return this.items.flatMap((step) => step.log).slice(-lines);
  }

  private close(step: LegacyStep): LegacyStepChange[] {
    if (step.endedAt !== undefined) return [];
    step.endedAt = this.now();
    return [this.change('step-done', step)];
  }

  private change(kind: LegacyStepChange['kind'], step: LegacyStep): LegacyStepChange {
    return {
      kind,
      index: this.items.indexOf(step) + 1,
      total: this.total,
      step: { name: step.name, cached: step.cached },
    };
  }
}
