// Static SVG charts for pages that must work without JavaScript (Jenkins serves archived HTML under
// a CSP that blocks scripts and inline styles): geometry in attributes, colours in CSS classes, and
// hover details in <title> elements, which browsers show as tooltips on their own.
import { escapeHtml } from './escape-html.js';

export interface LineChartOptions {
  width: number;
  height: number;
  title: string;
  format?: (value: number) => string;
  className?: string;
}

export interface BarsOptions {
  width: number;
  title: string;
  format?: (value: number) => string;
}

export interface TimelineOptions {
  width: number;
  title: string;
}

export interface Bar {
  label: string;
  value: number;
  /** The value a full bar stands for; the largest value when absent. */
  max?: number;
  className?: string;
}

/** One bar on a time axis; `start` and `end` are milliseconds from the chart's origin. */
export interface TimelineRow {
  label: string;
  start: number;
  end: number;
  className?: string;
}

const ROW_HEIGHT = 22;
const BAR_HEIGHT = 14;
const AXIS_HEIGHT = 22;
const CHAR_WIDTH = 6.6;

/** A line over `points` (x labels in order), with a dot per point whose tooltip names x and y. */
export function lineChartSvg(points: Array<{ x: string; y: number }>, options: LineChartOptions): string {
  const { width, height } = options;
  const format = options.format ?? formatNumber;
  const plot = { left: 52, right: width - 12, top: 10, bottom: height - 24 };
  const className = ['chart-lines', options.className ?? ''].join(' ');
  if (points.length === 0) return emptyChart(width, height, options.title, className);
  const ys = points.map((point) => finite(point.y));
  const top = niceCeiling(Math.max(...ys, 0));
  const bottom = Math.min(...ys, 0);
  const yOf = (y: number): number => plot.bottom - ((y - bottom) / (top - bottom)) * (plot.bottom - plot.top);
  const xOf = (index: number): number =>
    points.length === 1
      ? (plot.left + plot.right) / 2
      : plot.left + (index / (points.length - 1)) * (plot.right - plot.left);
  const grid = [bottom, (bottom + top) / 2, top].map((value) => {
    const y = round(yOf(value));
    return (
      `<line class="chart-grid" x1="${plot.left}" y1="${y}" x2="${plot.right}" y2="${y}"/>` +
      `<text class="chart-axis-label" x="${plot.left - 6}" y="${y + 4}" text-anchor="end">${escapeHtml(format(value))}</text>`
    );
  });
  const coordinates = points.map((point, index) => `${round(xOf(index))},${round(yOf(finite(point.y)))}`);
  const dots = points.map(
    (point, index) =>
      `<circle class="chart-dot" cx="${round(xOf(index))}" cy="${round(yOf(finite(point.y)))}" r="3">` +
      `<title>${escapeHtml(`${point.x}: ${format(point.y)}`)}</title></circle>`,
  );
  const body =
    grid.join('') +
    `<polyline class="chart-line" fill="none" points="${coordinates.join(' ')}"/>` +
    dots.join('') +
    xLabels(points, xOf, plot.bottom + 16);
  return svgDocument({ width, height, title: options.title, className, body });
}

/** Horizontal bars, one row each: label, a track with the bar, and the formatted value. */
export function barsSvg(bars: Bar[], options: BarsOptions): string {
  const format = options.format ?? formatNumber;
  const { width } = options;
  const height = Math.max(bars.length, 1) * ROW_HEIGHT + 4;
  if (bars.length === 0) return emptyChart(width, height, options.title);
  const labelWidth = Math.min(Math.round(width * 0.35), 200);
  const valueWidth = 72;
  const track = { left: labelWidth + 8, right: width - valueWidth };
  const largest = Math.max(...bars.map((bar) => finite(bar.value)), 0);
  const rows = bars.map((bar, index) => {
    const y = index * ROW_HEIGHT + 2;
    const max = bar.max ?? largest;
    const ratio = max > 0 ? clamp(finite(bar.value) / max, 0, 1) : 0;
    const barWidth = round(ratio * (track.right - track.left));
    return (
      `<g class="chart-row"><title>${escapeHtml(`${bar.label}: ${format(bar.value)}`)}</title>` +
      label(bar.label, labelWidth, y) +
      rect('chart-track', track.left, y + 4, track.right - track.left) +
      rect(`chart-bar ${bar.className ?? ''}`, track.left, y + 4, barWidth) +
      `<text class="chart-value" x="${width - 4}" y="${y + 15}" text-anchor="end">${escapeHtml(format(bar.value))}</text></g>`
    );
  });
  return svgDocument({ width, height, title: options.title, className: 'chart-bars', body: rows.join('') });
}

/** A Gantt-like chart: one row per entry, bars placed on a shared time axis with ticks. */
export function timelineSvg(rows: TimelineRow[], options: TimelineOptions): string {
  const { width } = options;
  const height = Math.max(rows.length, 1) * ROW_HEIGHT + AXIS_HEIGHT + 4;
  if (rows.length === 0) return emptyChart(width, height, options.title);
  const labelWidth = Math.min(Math.round(width * 0.4), 280);
  const axis = { left: labelWidth + 8, right: width - 16 };
  const origin = Math.min(0, ...rows.map((row) => finite(row.start)));
  const span = Math.max(...rows.map((row) => finite(row.end)), origin + 1) - origin;
  const step = niceStep(span / 5);
  const end = origin + Math.ceil(span / step) * step;
  const xOf = (ms: number): number => axis.left + ((ms - origin) / (end - origin)) * (axis.right - axis.left);
  const plotBottom = rows.length * ROW_HEIGHT + 2;
  const ticks: string[] = [];
  for (let ms = origin; ms <= end + step / 2; ms += step) {
    const x = round(xOf(ms));
    ticks.push(
      `<line class="chart-grid" x1="${x}" y1="0" x2="${x}" y2="${plotBottom}"/>` +
        `<text class="chart-axis-label" x="${x}" y="${plotBottom + 16}" text-anchor="middle">${escapeHtml(formatTick(ms - origin))}</text>`,
    );
  }
  const bars = rows.map((row, index) => {
    const y = index * ROW_HEIGHT + 2;
    const x = xOf(finite(row.start));
    const barWidth = Math.max(xOf(Math.max(finite(row.end), finite(row.start))) - x, 2);
    const duration = formatTick(Math.max(finite(row.end) - finite(row.start), 0));
    return (
      `<g class="chart-row"><title>${escapeHtml(`${row.label}: ${duration}`)}</title>` +
      label(row.label, labelWidth, y) +
      rect(`chart-bar ${row.className ?? ''}`, round(x), y + 4, round(barWidth)) +
      `</g>`
    );
  });
  const body = ticks.join('') + bars.join('');
  return svgDocument({ width, height, title: options.title, className: 'chart-timeline', body });
}

function svgDocument(parts: {
  width: number;
  height: number;
  title: string;
  className: string;
  body: string;
}): string {
  const title = escapeHtml(parts.title);
  const className = escapeHtml(`chart ${parts.className}`.trim());
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="${className}" role="img" aria-label="${title}" ` +
    `width="${parts.width}" height="${parts.height}" viewBox="0 0 ${parts.width} ${parts.height}">` +
    `<title>${title}</title>${parts.body}</svg>`
  );
}

function emptyChart(width: number, height: number, title: string, className = ''): string {
  const text = `<text class="chart-empty" x="${width / 2}" y="${height / 2 + 4}" text-anchor="middle">No data</text>`;
  return svgDocument({ width, height, title, className, body: text });
}

function rect(className: string, x: number, y: number, width: number): string {
  const classes = escapeHtml(className.trim());
  return `<rect class="${classes}" x="${x}" y="${y}" width="${Math.max(width, 0)}" height="${BAR_HEIGHT}" rx="3"/>`;
}

/** Row label, cut to the label column (SVG text cannot wrap); the row's <title> has it in full. */
function label(text: string, columnWidth: number, y: number): string {
  const fits = Math.max(Math.floor(columnWidth / CHAR_WIDTH), 4);
  const shown = text.length > fits ? `${text.slice(0, fits - 1)}…` : text;
  return `<text class="chart-label" x="0" y="${y + 15}">${escapeHtml(shown)}</text>`;
}

function xLabels(points: Array<{ x: string }>, xOf: (index: number) => number, y: number): string {
  const last = points.length - 1;
  const indexes = last === 0 ? [0] : last === 1 ? [0, 1] : [0, Math.round(last / 2), last];
  return indexes
    .map((index) => {
      const anchor = last === 0 ? 'middle' : index === 0 ? 'start' : index === last ? 'end' : 'middle';
      const text = escapeHtml(points[index]?.x ?? '');
      return `<text class="chart-axis-label" x="${round(xOf(index))}" y="${y}" text-anchor="${anchor}">${text}</text>`;
    })
    .join('');
}

/** 1, 2 or 5 times a power of ten, at least `raw`: ticks people can read. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= raw) ?? 10 * power;
}

function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const step = niceStep(value / 4);
  return Math.ceil(value / step) * step;
}

/** Milliseconds as an axis label: `250ms`, `1.5s`, `2m30s`. */
function formatTick(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(2))}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 0 ? `${minutes}m` : `${minutes}m${String(seconds).padStart(2, '0')}s`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
