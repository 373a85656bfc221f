// Runs doctor checks side by side, each bounded by its own timeout, so one hung probe (a daemon
// socket that accepts but never answers) turns into a failed check instead of a hung command.
import type { CheckResult, DoctorCheck, DoctorReport, DoctorSummary } from './doctor-types.js';

const DEFAULT_CHECK_TIMEOUT_MS = 20_000;

export async function runChecks(checks: DoctorCheck[]): Promise<DoctorReport> {
  const started = performance.now();
  const results = await Promise.all(checks.map(runOne));
  return { ...summarize(results), checks: results, durationMs: Math.round(performance.now() - started) };
}

export function summarize(results: CheckResult[]): Pick<DoctorReport, 'status' | 'summary'> {
  const summary: DoctorSummary = { ok: 0, warn: 0, fail: 0, skip: 0 };
  for (const result of results) summary[result.status] += 1;
  const status = summary.fail > 0 ? 'fail' : summary.warn > 0 ? 'warn' : 'ok';
  return { status, summary };
}

async function runOne(check: DoctorCheck): Promise<CheckResult> {
  const started = performance.now();
  const limit = check.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          id: check.id,
          title: check.title,
          status: 'fail',
          finding: `no answer after ${limit} ms`,
          hint: 'something this check talks to hangs (a daemon socket, a plugin, a registry); see the other checks',
        }),
      limit,
    );
    timer.unref();
  });
  const run = check.run().then(
    (outcome): CheckResult => ({ id: check.id, title: check.title, ...outcome }),
    (error: unknown): CheckResult => ({
      id: check.id,
      title: check.title,
      status: 'fail',
      finding: `the check itself failed: ${error instanceof Error ? error.message : String(error)}`,
    }),
  );
  const result = await Promise.race([run, timeout]);
  clearTimeout(timer);
  return { ...result, durationMs: Math.round(performance.now() - started) };
}
