// Turns the rawjson SolveStatus stream into steps, cache figures and log lines. BuildKit resends the
// whole vertex on every change (and re-runs some, e.g. "[internal] load build definition"), so state
// is merged by digest. The tracker only reports text taken from the build output — it never adds
// anything — and does not redact: callers redact secrets before displaying or storing what it returns.
import type { CacheFigures, StepResult } from '../report/report-types.js';
import { decodeBase64, type SolveStatus, type Vertex, type VertexLog } from './rawjson.js';
import { StatusBytes, summarizeCacheActivity, type CacheActivity } from './cache-activity.js';

/** `[stage-1 2/5] RUN ...`, `[3/4] COPY ...`, `[linux/arm64 builder 1/3] FROM ...`, `[app 2/3] RUN` (bake). */
const STEP_NAME = /^\[(?<group>(?:[^\]]*\s)?)(?<index>\d+)\/(?<count>\d+)\]\s+(?<instruction>[A-Za-z]+)/;
const OVERALL_TAIL_MIN = 100;
const MAX_PARTIAL_LINE = 64 * 1024;

export type StepChangeKind = 'step-started' | 'step-done' | 'step-cached' | 'step-failed';
export type TrackerChange =
  | { kind: StepChangeKind; step: StepResult }
  | { kind: 'log'; step: StepResult; line: string; stream: 'stdout' | 'stderr' };

export interface ProgressTrackerOptions {
  /** Lines kept per failed step (and the default for `logTail()`); default 20. */
  logTailLines?: number;
}

interface VertexState {
  name: string;
  /** Position in start order; undefined while the vertex has not started. */
  order: number | undefined;
  /** Sticky: once BuildKit reports a cache hit, the step counts as cached. */
  cached: boolean;
  error: string | undefined;
  /** Run intervals keyed by their start time, so resent updates do not double-count. */
  intervals: Map<string, number>;
  finished: StepChangeKind | undefined;
  tail: string[];
  partial: Map<number, string>;
}

/** True for Dockerfile instructions other than FROM — the steps a cache hit ratio is about. */
export function isCacheableVertexName(name: string): boolean {
  const instruction = STEP_NAME.exec(name)?.groups?.instruction;
  return instruction !== undefined && instruction.toUpperCase() !== 'FROM';
}

export class ProgressTracker {
  private readonly logTailLines: number;
  private readonly vertexes = new Map<string, VertexState>();
  private readonly errorTexts: string[] = [];
  private readonly warningTexts: string[] = [];
  private readonly overallTail: string[] = [];
  private startCount = 0;
  private readonly statusBytes = new StatusBytes();

  constructor(options: ProgressTrackerOptions = {}) {
    this.logTailLines = Math.max(0, options.logTailLines ?? 20);
  }

  /** Feeds one SolveStatus; returns what changed, logs before the step that produced them finishes. */
  update(status: SolveStatus): TrackerChange[] {
    const changes: TrackerChange[] = [];
    for (const vertex of status.vertexes) changes.push(...this.updateVertex(vertex));
    for (const log of status.logs) changes.push(...this.addLog(log));
    for (const vertexStatus of status.statuses) this.statusBytes.add(vertexStatus);
    for (const warning of status.warnings) {
      const text = warning.short === undefined ? '' : decodeBase64(warning.short).trim();
      if (text && !this.warningTexts.includes(text)) this.warningTexts.push(text);
    }
    return changes;
  }

  /** Vertexes that started, in start order. */
  steps(): StepResult[] {
    return [...this.vertexes.values()]
      .filter((state) => state.order !== undefined)
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
      .map((state) => toStepResult(state));
  }

  cacheFigures(): CacheFigures {
    const cacheable = this.steps().filter((step) => step.cacheable);
    const cachedSteps = cacheable.filter((step) => step.cached).length;
    const all = [...this.vertexes.values()];
    return {
      totalSteps: cacheable.length,
      cachedSteps,
      hitRatio: cacheable.length === 0 ? 0 : cachedSteps / cacheable.length,
      vertexTotal: all.length,
      vertexCached: all.filter((state) => state.cached).length,
    };
  }

  /**
   * Finished / expected cacheable steps. BuildKit announces the whole graph up front, and each name
   * carries "n/m" per stage (m includes the stage's FROM), so the larger of both counts is used.
   */
  stepCounter(): { current: number; total: number } {
    const cacheable = [...this.vertexes.values()].filter((state) => isCacheableVertexName(state.name));
    const perStage = new Map<string, number>();
    for (const state of cacheable) {
      const groups = STEP_NAME.exec(state.name)?.groups;
      if (groups) perStage.set(groups.group ?? '', Math.max(0, Number(groups.count) - 1));
    }
    const fromNames = [...perStage.values()].reduce((sum, count) => sum + count, 0);
    const total = Math.max(cacheable.length, fromNames);
    const done = cacheable.filter(
      (state) => state.finished === 'step-done' || state.finished === 'step-cached',
    );
    return { current: Math.min(done.length, total), total };
  }

  /** Cache imports/exports and transfer sizes seen in this build (see cache-activity.ts). */
  cacheActivity(): CacheActivity {
    const vertexes = [...this.vertexes.values()].map((state) => ({
      name: state.name,
      completed: state.finished !== undefined,
      error: state.error,
    }));
    return summarizeCacheActivity(vertexes, this.statusBytes);
  }

  /** Digests of every vertex seen so far. */
  vertexDigests(): Set<string> {
    return new Set(this.vertexes.keys());
  }

  /**
   * Forgets vertexes that belong to another image. In a bake batch a dependent's stream repeats the
   * vertexes of the parents it reads through `target:` contexts; they are the parents' steps.
   */
  excludeVertexes(digests: Iterable<string>): void {
    for (const digest of digests) this.vertexes.delete(digest);
  }

  /** Vertex error texts in the order BuildKit reported them (including follow-on "context canceled"). */
  errors(): string[] {
    return [...this.errorTexts];
  }

  /** Error texts of the vertexes still tracked (after `excludeVertexes`), in start order. */
  vertexErrors(): string[] {
    return [...this.vertexes.values()]
      .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity))
      .flatMap((state) => (state.error === undefined ? [] : [state.error]));
  }

  /** Decoded short texts of build warnings (Dockerfile lint rules and the like). */
  warnings(): string[] {
    return [...this.warningTexts];
  }

  /** Last log lines over all vertexes, for failures that happen outside a step. */
  logTail(lines: number = this.logTailLines): string[] {
    return lines <= 0 ? [] : this.overallTail.slice(-lines);
  }

  private stateOf(digest: string): VertexState {
    let state = this.vertexes.get(digest);
    if (!state) {
      state = {
        name: '',
        order: undefined,
        cached: false,
        error: undefined,
        intervals: new Map(),
        finished: undefined,
        tail: [],
        partial: new Map(),
      };
      this.vertexes.set(digest, state);
    }
    return state;
  }

  private updateVertex(vertex: Vertex): TrackerChange[] {
    const state = this.stateOf(vertex.digest);
    if (vertex.name) state.name = vertex.name;
    state.cached ||= vertex.cached;
    if (vertex.error) {
      state.error = vertex.error;
      if (!this.errorTexts.includes(vertex.error)) this.errorTexts.push(vertex.error);
    }
    const changes: TrackerChange[] = [];
    const isFinished = vertex.completed !== undefined || vertex.error !== undefined;
    if (vertex.started !== undefined && state.order === undefined) {
      state.order = this.startCount++;
      if (!isFinished) changes.push({ kind: 'step-started', step: toStepResult(state) });
    }
    if (vertex.started !== undefined && vertex.completed !== undefined) {
      const duration = durationBetween(vertex.started, vertex.completed);
      if (duration !== undefined) state.intervals.set(vertex.started, duration);
    }
    if (!isFinished) return changes;
    const kind: StepChangeKind = state.error ? 'step-failed' : state.cached ? 'step-cached' : 'step-done';
    if (kind === state.finished) return changes;
    changes.push(...this.flushPartialLines(state));
    state.finished = kind;
    changes.push({ kind, step: toStepResult(state) });
    return changes;
  }

  private addLog(log: VertexLog): TrackerChange[] {
    const state = this.stateOf(log.vertex);
    const text = (state.partial.get(log.stream) ?? '') + decodeBase64(log.data);
    const lines = text.split('\n');
    let rest = lines.pop() ?? '';
    if (rest.length > MAX_PARTIAL_LINE) {
      lines.push(rest);
      rest = '';
    }
    state.partial.set(log.stream, rest);
    return lines.map((line) => this.addLine(state, line, log.stream));
  }

  private flushPartialLines(state: VertexState): TrackerChange[] {
    const changes: TrackerChange[] = [];
    for (const [stream, rest] of state.partial) {
      if (rest) changes.push(this.addLine(state, rest, stream));
    }
    state.partial.clear();
    return changes;
  }

  private addLine(state: VertexState, raw: string, stream: number): TrackerChange {
    // A carriage return redraws the terminal line (progress bars): keep what would stay visible.
    const line = raw.replace(/\r$/, '').split('\r').pop() ?? '';
    pushBounded(state.tail, line, this.logTailLines);
    pushBounded(this.overallTail, line, Math.max(OVERALL_TAIL_MIN, this.logTailLines));
    return { kind: 'log', step: toStepResult(state), line, stream: stream === 2 ? 'stderr' : 'stdout' };
  }
}

function toStepResult(state: VertexState): StepResult {
  const step: StepResult = {
    name: state.name,
    cacheable: isCacheableVertexName(state.name),
    cached: state.cached,
  };
  if (state.intervals.size > 0) {
    const total = [...state.intervals.values()].reduce((sum, ms) => sum + ms, 0);
    step.durationMs = Math.round(total);
  }
  if (state.error !== undefined) {
    step.error = state.error;
    if (state.tail.length > 0) step.logTail = [...state.tail];
  }
  return step;
}

function pushBounded(lines: string[], line: string, limit: number): void {
  lines.push(line);
  if (lines.length > limit) lines.splice(0, lines.length - limit);
}

/** Milliseconds between two RFC 3339 timestamps, keeping BuildKit's sub-millisecond precision. */
function durationBetween(started: string, completed: string): number | undefined {
  const start = toMilliseconds(started);
  const end = toMilliseconds(completed);
  if (start === undefined || end === undefined || end < start) return undefined;
  return end - start;
}

function toMilliseconds(timestamp: string): number | undefined {
  const match = /^(?<base>[^.]+?)(?:\.(?<fraction>\d+))?(?<zone>Z|[+-]\d\d:\d\d)$/.exec(timestamp);
  if (!match?.groups) return undefined;
  const base = Date.parse(`${match.groups.base}${match.groups.zone}`);
  if (Number.isNaN(base)) return undefined;
  const fraction = match.groups.fraction ? Number(`0.${match.groups.fraction}`) * 1000 : 0;
  return base + fraction;
}
