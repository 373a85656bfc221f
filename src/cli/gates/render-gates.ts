// Human output of the standalone gate commands: one block per gate with the findings or checks that
// decided it, in the same words as the build summary.
import path from 'node:path';
import { createColors } from 'picocolors';
import type { ImageGates, ScanGate, TestGate } from '../../gates/gate-report.js';
import { describeFinding } from '../../gates/policy/decision-text.js';
import { formatDuration } from '../../report/human-format.js';

type Colors = ReturnType<typeof createColors>;
const MAX_FINDINGS = 25;

export function renderScanGates(image: string, gates: ImageGates, outDir: string, color: boolean): string {
  const colors = createColors(color);
  const lines = [colors.bold(image)];
  for (const scan of gates.scans ?? []) lines.push(...scanLines(scan, colors));
  for (const sbom of gates.sboms ?? []) {
    lines.push(
      sbom.error === undefined
        ? `sbom ${sbom.format}: ${path.join(outDir, sbom.file ?? '')} (${sbom.components ?? 0} components)`
        : colors.yellow(`sbom ${sbom.format}: ${sbom.error}`),
    );
  }
  lines.push(verdict(gates.status, colors));
  return `${lines.join('\n')}\n`;
}

function scanLines(scan: ScanGate, colors: Colors): string[] {
  const head = `${scan.kind} (fail on ${scan.failOn}): `;
  if (scan.status === 'error') {
    const text = `${head}${scan.summary}`;
    const lines = [scan.blocksOnError === true ? colors.red(text) : colors.yellow(text)];
    if (scan.error?.hint !== undefined) lines.push(`  ${colors.dim(`hint: ${scan.error.hint}`)}`);
    return lines;
  }
  const paint = scan.status === 'failed' ? colors.red : colors.green;
  const lines = [paint(`${head}${scan.summary}`)];
  const shown = [
    ...scan.blocking.map((finding) => describeFinding(finding, colors)),
    ...scan.ignored.map((item) => `${describeFinding(item.finding, colors)} — ${item.reason}`),
  ];
  for (const line of shown.slice(0, MAX_FINDINGS)) lines.push(`  ${line}`);
  if (shown.length > MAX_FINDINGS) lines.push(`  … and ${shown.length - MAX_FINDINGS} more`);
  for (const message of scan.expiredIgnores) lines.push(colors.yellow(`  warning: ${message}`));
  return lines;
}

export function renderTestGate(image: string, test: TestGate, color: boolean): string {
  const colors = createColors(color);
  const lines = [colors.bold(image)];
  if (test.error !== undefined) lines.push(colors.red(`could not run the tests: ${test.error}`));
  for (const check of test.checks) {
    const mark =
      check.status === 'passed' ? colors.green('✓') : check.status === 'failed' ? colors.red('✗') : '-';
    const message = check.status === 'failed' && check.message ? `: ${check.message}` : '';
    lines.push(
      `${mark} ${check.kind} ${check.name}${message} ${colors.dim(formatDuration(check.durationMs))}`,
    );
    if (check.status === 'failed')
      for (const log of (check.logs ?? []).slice(-10)) lines.push(colors.dim(`    | ${log}`));
  }
  const failed = test.checks.filter((check) => check.status === 'failed').length;
  lines.push(
    test.status === 'passed'
      ? colors.green(`passed: ${test.checks.length} checks in ${formatDuration(test.durationMs)}`)
      : colors.red(`failed: ${failed} of ${test.checks.length} checks`),
  );
  return `${lines.join('\n')}\n`;
}

function verdict(status: ImageGates['status'], colors: Colors): string {
  return status === 'failed' ? colors.red('gate failed') : colors.green('gate passed');
}
