// The table a person reads when the run ends: one row per image and a totals line, so "what happened
// and how well did the cache do" is answered without opening report.json.
import { createColors } from 'picocolors';
import {
  formatBytes,
  formatCacheFigures,
  formatDuration,
  formatPercent,
  shortDigest,
  truncate,
} from './human-format.js';
import type { ImageResult, Report } from './report-types.js';

export interface SummaryTableOptions {
  color: boolean;
  /** Terminal width; columns are dropped (digest, then method, then attempts) to fit. */
  width?: number;
}

type Colors = ReturnType<typeof createColors>;
type ColumnId = 'image' | 'status' | 'method' | 'time' | 'cache' | 'gates' | 'attempts' | 'digest';

const COLUMN_TITLES: Record<ColumnId, string> = {
  image: 'IMAGE',
  status: 'STATUS',
  method: 'METHOD',
  time: 'TIME',
  cache: 'CACHE',
  gates: 'GATES',
  attempts: 'ATTEMPTS',
  digest: 'DIGEST',
};
const ALL_COLUMNS: ColumnId[] = ['image', 'status', 'method', 'time', 'cache', 'gates', 'attempts', 'digest'];
const DROP_ORDER: ColumnId[] = ['digest', 'method', 'attempts', 'gates'];
const GAP = '  ';

export function renderSummaryTable(report: Report, options: SummaryTableOptions): string {
  const colors = createColors(options.color);
  const rows = report.images.map(toCells);
  const hasGates = report.images.some((image) => image.gates !== undefined);
  const columns = fitColumns(rows, options.width, hasGates);
  const widths = columns.map((id) =>
    Math.max(COLUMN_TITLES[id].length, ...rows.map((row) => row[id].length)),
  );
  const header = columns.map((id, i) => pad(COLUMN_TITLES[id], widths[i] ?? 0)).join(GAP);
  const body = report.images.map((image, r) =>
    columns
      .map((id, i) => {
        const text = pad(rows[r]?.[id] ?? '', i === columns.length - 1 ? 0 : (widths[i] ?? 0));
        return id === 'status' ? colorStatus(colors, image.status, text) : text;
      })
      .join(GAP),
  );
  const lines = [colors.bold(header.trimEnd()), ...body.map((line) => line.trimEnd())];
  lines.push('', totalsLine(report, colors), ...failureLines(report, colors));
  return `${lines.join('\n')}\n`;
}

function toCells(image: ImageResult): Record<ColumnId, string> {
  const ran = image.attempts.length > 0;
  return {
    image: image.name,
    status: image.reason !== undefined && image.status !== 'failed' ? `${image.status}*` : image.status,
    method: image.method ?? '-',
    time: ran || image.durationMs > 0 ? formatDuration(image.durationMs) : '-',
    cache: formatCacheFigures(image.cache),
    gates: gatesCell(image),
    attempts: String(image.attempts.length),
    digest: shortDigest(image.digest),
  };
}

/** "passed", "failed: test, secrets", or "-" when the image had no gates. */
function gatesCell(image: ImageResult): string {
  const gates = image.gates;
  if (gates === undefined) return '-';
  if (gates.status !== 'failed') return gates.status;
  return `failed: ${failedGateNames(image).join(', ')}`;
}

function failedGateNames(image: ImageResult): string[] {
  const gates = image.gates;
  if (gates === undefined) return [];
  const names: string[] = [];
  if (gates.test !== undefined && gates.test.status !== 'passed') names.push('test');
  for (const scan of gates.scans ?? []) {
    if (scan.status === 'failed' || (scan.status === 'error' && scan.blocksOnError === true))
      names.push(scan.kind);
  }
  if ((gates.signatures ?? []).some((signature) => signature.status === 'failed')) names.push('sign');
  return names;
}

/** The first lines that explain a failed gate: failing checks, blocking findings, scanner errors. */
function gateFailureLines(image: ImageResult): string[] {
  const gates = image.gates;
  if (gates?.status !== 'failed') return [];
  const lines: string[] = [];
  for (const check of gates.test?.checks ?? []) {
    if (check.status === 'failed') lines.push(`test ${check.name}: ${check.message ?? 'failed'}`);
  }
  if (gates.test?.error !== undefined) lines.push(`test: ${gates.test.error}`);
  for (const scan of gates.scans ?? []) {
    if (scan.status === 'failed' || (scan.status === 'error' && scan.blocksOnError === true))
      lines.push(`${scan.kind}: ${scan.summary}`);
    for (const finding of scan.blocking.slice(0, 5)) {
      const what =
        finding.kind === 'vulnerability'
          ? `${finding.packageName} ${finding.installedVersion}`
          : finding.target;
      lines.push(`  ${finding.severity} ${finding.id} ${what}`);
    }
  }
  for (const signature of gates.signatures ?? []) {
    if (signature.status === 'failed')
      lines.push(`sign ${signature.reference}: ${signature.message ?? 'failed'}`);
  }
  return lines;
}

function fitColumns(
  rows: Array<Record<ColumnId, string>>,
  width: number | undefined,
  hasGates: boolean,
): ColumnId[] {
  const columns = ALL_COLUMNS.filter((id) => id !== 'gates' || hasGates);
  if (width === undefined) return columns;
  const lineWidth = (ids: ColumnId[]): number =>
    ids.reduce((sum, id) => sum + Math.max(COLUMN_TITLES[id].length, ...rows.map((r) => r[id].length)), 0) +
    GAP.length * (ids.length - 1);
  for (const drop of DROP_ORDER) {
    if (lineWidth(columns) <= width) break;
    columns.splice(columns.indexOf(drop), 1);
  }
  return columns;
}

function totalsLine(report: Report, colors: Colors): string {
  const { summary } = report;
  const counts = [
    colors.green(`${summary.built} built`),
    summary.failed > 0 ? colors.red(`${summary.failed} failed`) : `${summary.failed} failed`,
    `${summary.skipped} skipped`,
  ];
  if (summary.cancelled > 0) counts.push(colors.yellow(`${summary.cancelled} cancelled`));
  const noun = report.images.length === 1 ? 'image' : 'images';
  const cache =
    summary.cache.totalSteps === 0
      ? 'cache: no cacheable steps'
      : `cache ${summary.cache.cachedSteps}/${summary.cache.totalSteps} steps (${formatPercent(summary.cache.hitRatio)})`;
  const upToDate = summary.upToDate > 0 ? ` (${summary.upToDate} up to date)` : '';
  const line = `${report.images.length} ${noun}: ${counts.join(', ')}${upToDate} in ${formatDuration(report.durationMs)} · ${cache}`;
  const transfer = transferLine(report);
  return transfer ? `${line}\n${transfer}` : line;
}

/** Cache sources, failed exports and bytes moved, when a registry or local cache was used. */
function transferLine(report: Report): string | undefined {
  const imports = report.images.flatMap((image) => image.cache.imports ?? []);
  const exports = report.images.flatMap((image) => image.cache.exports ?? []);
  if (imports.length === 0 && exports.length === 0) return undefined;
  const { cache } = report.summary;
  const parts = [
    `cache imports ${imports.filter((item) => item.found).length}/${imports.length} found`,
    `exports ${exports.filter((item) => item.error === undefined).length}/${exports.length} ok`,
    `time cached ${formatDuration(cache.cachedStepsMs ?? 0)} / executed ${formatDuration(cache.executedStepsMs ?? 0)}`,
    `pulled ${formatBytes(cache.bytesPulled ?? 0)}`,
    `context ${formatBytes(cache.contextBytes ?? 0)}`,
  ];
  return parts.join(' · ');
}

/** Why each image did not build, one line each (with its hint), and what the `*` marks. */
function failureLines(report: Report, colors: Colors): string[] {
  const lines: string[] = [];
  for (const image of report.images) {
    if (image.status === 'failed') {
      const message = image.error?.message ?? 'build failed';
      lines.push(`${colors.red('✗')} ${image.name}: ${truncate(message, 400)}`);
      if (image.error?.hint !== undefined) lines.push(`  ${colors.dim(`hint: ${image.error.hint}`)}`);
    } else if (image.reason !== undefined) {
      lines.push(`* ${image.name}: ${image.status} (${image.reason})`);
    }
    const gateLines = gateFailureLines(image);
    if (gateLines.length > 0) lines.push(`${colors.red('✗')} ${image.name}: gates failed`);
    for (const line of gateLines.slice(0, 12)) lines.push(`  ${truncate(line, 300)}`);
  }
  return lines.length > 0 ? ['', ...lines] : [];
}

function colorStatus(colors: Colors, status: ImageResult['status'], text: string): string {
  if (status === 'built') return colors.green(text);
  if (status === 'failed') return colors.red(text);
  if (status === 'cancelled') return colors.yellow(text);
  return colors.dim(text);
}

function pad(text: string, width: number): string {
  return text.padEnd(width);
}
