// A small writer for the Prometheus text exposition format (version 0.0.4). imageforge's metrics are
// pre-aggregated by the history store (cumulative counters, histogram buckets computed in SQL), and
// prom-client's Counter/Histogram can only be fed observations one at a time — its Histogram has no
// way to set bucket counts. Writing the few lines ourselves keeps every value exactly what the store
// returned; promtool checks the output in test/itg/metrics-tools.itg.test.ts.
// Format: https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
import { Registry } from 'prom-client';

/** `text/plain; version=0.0.4; charset=utf-8`, the same header prom-client serves. */
export const EXPOSITION_CONTENT_TYPE: string = Registry.PROMETHEUS_CONTENT_TYPE;

export type MetricType = 'counter' | 'gauge' | 'histogram';

export type Labels = Record<string, string>;

export interface Sample {
  /** Appended to the family name: `_bucket`, `_sum`, `_count` for histograms, else empty. */
  suffix?: '_bucket' | '_sum' | '_count';
  labels: Labels;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

/** Every family with its HELP and TYPE lines, then its samples; ends with a newline. */
export function formatExposition(families: MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) lines.push(formatSample(family.name, sample));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function formatSample(name: string, sample: Sample): string {
  return `${name}${sample.suffix ?? ''}${formatLabels(sample.labels)} ${formatValue(sample.value)}`;
}

function formatLabels(labels: Labels): string {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}="${escapeLabelValue(value)}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

/** Go's ParseFloat reads what JavaScript prints, except for the infinities and NaN. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
