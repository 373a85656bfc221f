// `imageforge doctor` as a library call: diagnose, then in --fix / --optimize / --reset collect the
// repairs that mode owns, let the caller confirm, apply them (or only list them under --dry-run),
// and diagnose again so the result shows what the host looks like afterwards.
import { applyRepairs, declined, type PlannedRepair, type RepairRecord } from './apply-repairs.js';
import { doctorChecks } from './doctor-checks.js';
import { DoctorContext, type DoctorContextOptions } from './doctor-context.js';
import type { DoctorReport, RepairMode } from './doctor-types.js';
import { idleEngineRepairs } from './optimize-host.js';
import { planReset } from './reset-host.js';
import { runChecks } from './run-checks.js';

export type DoctorMode = 'diagnose' | RepairMode;

export interface RunDoctorOptions extends DoctorContextOptions {
  mode?: DoctorMode;
  dryRun?: boolean;
  /** Asked before anything changes (not under dryRun); false declines every repair. */
  confirm?: (planned: PlannedRepair[]) => Promise<boolean>;
  /** Run only these checks (ids from DOCTOR_CHECK_IDS); default all. */
  only?: string[];
  /** --optimize: a managed engine idle this long is stopped. */
  idleAfterMs?: number;
}

export interface DoctorResult {
  mode: DoctorMode;
  dryRun: boolean;
  /** The diagnosis before any repair. */
  report: DoctorReport;
  actions: RepairRecord[];
  /** The diagnosis after repairs were applied (not for diagnose or dry runs). */
  after: DoctorReport | undefined;
  bytesReclaimed: number;
  /** 0 healthy, 1 a check (after repairs) or a repair failed. */
  exitCode: 0 | 1;
}

export async function runDoctor(options: RunDoctorOptions = {}): Promise<DoctorResult> {
  const mode = options.mode ?? 'diagnose';
  const dryRun = options.dryRun ?? false;
  const context = new DoctorContext(options);
  const selected = (checks: ReturnType<typeof doctorChecks>) =>
    options.only === undefined ? checks : checks.filter((check) => options.only?.includes(check.id));
  const report = await runChecks(selected(doctorChecks(context)));
  if (mode === 'diagnose') return finish({ mode, dryRun, report, actions: [], after: undefined });
  const planned = await plan(mode, report, context, options);
  const confirmed =
    dryRun || planned.length === 0 || (await (options.confirm?.(planned) ?? Promise.resolve(true)));
  const actions = confirmed ? await applyRepairs(planned, dryRun) : declined(planned);
  const changed = actions.some((action) => action.status === 'applied');
  const after = changed ? await runChecks(selected(doctorChecks(new DoctorContext(options)))) : undefined;
  return finish({ mode, dryRun, report, actions, after });
}

async function plan(
  mode: RepairMode,
  report: DoctorReport,
  context: DoctorContext,
  options: RunDoctorOptions,
): Promise<PlannedRepair[]> {
  if (mode === 'reset') {
    const config = await context.config();
    return planReset({ home: context.home, config: config.ok ? config.value : undefined, env: context.env });
  }
  const fromChecks = report.checks.flatMap((check) =>
    check.repair?.mode === mode ? [{ check: check.id, repair: check.repair }] : [],
  );
  if (mode !== 'optimize') return fromChecks;
  const idle = await idleEngineRepairs({
    home: context.home,
    ...(options.idleAfterMs === undefined ? {} : { idleAfterMs: options.idleAfterMs }),
    probeTimeoutMs: context.probeTimeoutMs,
  });
  return [...fromChecks, ...idle];
}

function finish(result: Omit<DoctorResult, 'exitCode' | 'bytesReclaimed'>): DoctorResult {
  const bytesReclaimed = result.actions.reduce((sum, action) => sum + (action.bytesReclaimed ?? 0), 0);
  const final = result.after ?? result.report;
  // a reset is judged by its own actions: removing builders may leave checks that want them
  const checksFailed = result.mode !== 'reset' && final.status === 'fail';
  const repairFailed = result.actions.some((action) => action.status === 'failed');
  return { ...result, bytesReclaimed, exitCode: checksFailed || repairFailed ? 1 : 0 };
}
