// The shapes `imageforge doctor` works with: a check produces findings, a finding may carry a repair
// that one of the modes (--fix, --optimize) can apply. Stable ids: pipelines match on them.

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** Which mode applies a repair: safe repairs (--fix), reclaiming space (--optimize), removal (--reset). */
export type RepairMode = 'fix' | 'optimize' | 'reset';

export interface Repair {
  mode: RepairMode;
  /** What applying it does, e.g. "quarantine 3 invalid plugins into ~/.local/share/...". */
  description: string;
  /** Applies the repair; returns one line on what it did. Never called under --dry-run. */
  apply(): Promise<RepairOutcome>;
}

export interface RepairOutcome {
  summary: string;
  /** Bytes freed, for repairs that reclaim space. */
  bytesReclaimed?: number;
  details?: Record<string, unknown>;
}

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  /** One line: what was found. */
  finding: string;
  /** What the user can do about a warn/fail. */
  hint?: string;
  repair?: Repair;
  /** Structured facts for --json (versions, paths, sizes); never secrets. */
  details?: Record<string, unknown>;
  durationMs?: number;
}

export type CheckOutcome = Omit<CheckResult, 'id' | 'title' | 'durationMs'>;

export interface DoctorCheck {
  id: string;
  title: string;
  /** Upper bound for this check; past it the check fails with a timeout finding. */
  timeoutMs?: number;
  run(): Promise<CheckOutcome>;
}

export interface DoctorSummary {
  ok: number;
  warn: number;
  fail: number;
  skip: number;
}

export interface DoctorReport {
  status: 'ok' | 'warn' | 'fail';
  summary: DoctorSummary;
  checks: CheckResult[];
  durationMs: number;
}

/** What a check that needs the daemon says when the daemon check already failed. */
export const SKIPPED_WITHOUT_DAEMON: CheckOutcome = {
  status: 'skip',
  finding: 'daemon unreachable (see the daemon check)',
};
