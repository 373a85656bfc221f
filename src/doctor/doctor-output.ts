// How a doctor result reads: a table a person scans (status, check, one-line finding, hint, what
// --fix/--optimize would do) and the stable JSON documented in docs/doctor.md.
import pc from 'picocolors';
import { formatBytes } from '../cache/policy-text.js';
import type { RepairRecord } from './apply-repairs.js';
import type { CheckResult, DoctorReport } from './doctor-types.js';
import type { DoctorResult } from './run-doctor.js';

export const DOCTOR_JSON_VERSION = 1;

export function doctorJson(result: DoctorResult): Record<string, unknown> {
  return {
    schemaVersion: DOCTOR_JSON_VERSION,
    mode: result.mode,
    dryRun: result.dryRun,
    status: (result.after ?? result.report).status,
    exitCode: result.exitCode,
    summary: (result.after ?? result.report).summary,
    checks: result.report.checks.map(checkJson),
    actions: result.actions,
    bytesReclaimed: result.bytesReclaimed,
    after: result.after
      ? {
          status: result.after.status,
          summary: result.after.summary,
          checks: result.after.checks.map(checkJson),
        }
      : null,
    durationMs: result.report.durationMs,
  };
}

function checkJson(check: CheckResult): Record<string, unknown> {
  return {
    id: check.id,
    title: check.title,
    status: check.status,
    finding: check.finding,
    hint: check.hint ?? null,
    fix: check.repair ? { mode: check.repair.mode, description: check.repair.description } : null,
    details: check.details ?? {},
    durationMs: check.durationMs ?? 0,
  };
}

const LABEL: Record<CheckResult['status'], (text: string) => string> = {
  ok: (text) => pc.green(text),
  warn: (text) => pc.yellow(text),
  fail: (text) => pc.red(pc.bold(text)),
  skip: (text) => pc.dim(text),
};

export function renderDoctorReport(report: DoctorReport, heading = 'imageforge doctor'): string {
  const width = Math.max(...report.checks.map((check) => check.id.length));
  const lines = [`${heading}: ${summaryLine(report)}`, ''];
  for (const check of report.checks) {
    const status = LABEL[check.status](check.status.toUpperCase().padEnd(4));
    lines.push(`  ${status}  ${check.id.padEnd(width)}  ${check.finding}`);
    if (check.status === 'ok' || check.status === 'skip') continue;
    if (check.hint) lines.push(`  ${' '.repeat(4)}  ${' '.repeat(width)}  hint: ${check.hint}`);
    if (check.repair)
      lines.push(
        `  ${' '.repeat(4)}  ${' '.repeat(width)}  --${check.repair.mode}: ${check.repair.description}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

export function renderDoctorResult(result: DoctorResult): string {
  let text = renderDoctorReport(result.report);
  if (result.mode === 'diagnose') {
    const fixable = result.report.checks.filter((check) => check.repair !== undefined);
    if (fixable.length > 0)
      text += `\n${fixable.length} finding${fixable.length > 1 ? 's' : ''} can be repaired: imageforge doctor ${[...new Set(fixable.map((check) => `--${check.repair?.mode ?? 'fix'}`))].join(' / ')}\n`;
    return text;
  }
  text += `\n${result.dryRun ? 'would do' : result.mode}:\n`;
  text += result.actions.length === 0 ? '  nothing to do\n' : result.actions.map(actionLine).join('');
  if (result.bytesReclaimed > 0) text += `reclaimed ${formatBytes(result.bytesReclaimed)}\n`;
  if (result.after) text += `\n${renderDoctorReport(result.after, 'afterwards')}`;
  return text;
}

function actionLine(action: RepairRecord): string {
  const mark = { planned: '-', applied: pc.green('✓'), failed: pc.red('✗'), declined: pc.dim('·') }[
    action.status
  ];
  const outcome =
    action.status === 'applied'
      ? `: ${action.summary ?? 'done'}`
      : action.status === 'failed'
        ? `: ${action.error ?? 'failed'}`
        : action.status === 'declined'
          ? ' (declined)'
          : '';
  return `  ${mark} [${action.check}] ${action.description}${outcome}\n`;
}

function summaryLine(report: DoctorReport): string {
  const { ok, warn, fail, skip } = report.summary;
  const verdict =
    report.status === 'fail'
      ? pc.red('unhealthy')
      : report.status === 'warn'
        ? pc.yellow('healthy, with warnings')
        : pc.green('healthy');
  return `${verdict} — ${ok} ok, ${warn} warn, ${fail} fail, ${skip} skipped (${report.durationMs} ms)`;
}
