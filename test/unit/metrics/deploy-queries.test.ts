// The Grafana dashboard and the alert rules may only query metrics imageforge actually exports: a
// renamed metric must break this test, not silently empty a panel or disarm an alert.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderMetrics } from '../../../src/metrics/render-metrics.js';
import { parseExposition } from './parse-exposition.js';
import { emptySnapshot } from './sample-snapshot.js';

const root = path.resolve(import.meta.dirname, '../../..');
const HISTOGRAM_SERIES = /_(bucket|sum|count)$/;

interface Dashboard {
  schemaVersion: number;
  templating: { list: Array<{ name: string; type: string; query: unknown; definition?: string }> };
  panels: Array<{ type: string; title: string; targets?: Array<{ expr: string }> }>;
}

interface RuleFile {
  groups: Array<{
    rules: Array<{
      alert: string;
      expr: string;
      for?: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    }>;
  }>;
}

const exported = parseExposition(renderMetrics(emptySnapshot(), {}).body).types;
const dashboard = JSON.parse(
  readFileSync(path.join(root, 'deploy/grafana/imageforge.json'), 'utf8'),
) as Dashboard;
const rules = (
  parse(readFileSync(path.join(root, 'deploy/prometheus/imageforge-alerts.yml'), 'utf8')) as RuleFile
).groups.flatMap((group) => group.rules);

/** The metric families an expression reads (histogram series names mapped to their family). */
function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/imageforge_[a-z_]+/g)].map(([name]) => {
    const family = name.replace(HISTOGRAM_SERIES, '');
    return exported.get(family) === 'histogram' ? family : name;
  });
}

function unknownMetrics(exprs: string[]): string[] {
  return exprs.flatMap(metricsIn).filter((name) => !exported.has(name));
}

describe('deploy/grafana/imageforge.json', () => {
  const panels = dashboard.panels.filter((panel) => panel.type !== 'row');
  const exprs = panels.flatMap((panel) => panel.targets ?? []).map((target) => target.expr);
  const imageVariable = dashboard.templating.list.find((variable) => variable.name === 'image');

  it('queries only metrics imageforge exports', () => {
    expect(exprs.length).toBeGreaterThan(10);
    expect(unknownMetrics([...exprs, imageVariable?.definition ?? ''])).toEqual([]);
  });

  it('has a Prometheus data source variable and an image variable from label_values', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(dashboard.templating.list.find((variable) => variable.name === 'datasource')).toMatchObject({
      type: 'datasource',
      query: 'prometheus',
    });
    expect(imageVariable?.definition).toBe('label_values(imageforge_builds_total, image)');
  });

  it('shows success rate, builds, durations, cache, retries, findings, builders and last run', () => {
    const used = new Set(exprs.flatMap(metricsIn));

    expect([...exported.keys()].filter((name) => !used.has(name))).toEqual([]);
    expect(exprs.filter((expr) => expr.includes('histogram_quantile(0.5,'))).toHaveLength(1);
    expect(exprs.filter((expr) => expr.includes('histogram_quantile(0.95,'))).toHaveLength(1);
    expect(panels.map((panel) => panel.title)).toEqual(
      expect.arrayContaining([
        'Build success rate',
        'Builders up',
        'Time since last run',
        'Findings by severity',
      ]),
    );
  });
});

describe('deploy/prometheus/imageforge-alerts.yml', () => {
  it('queries only metrics imageforge exports', () => {
    expect(unknownMetrics(rules.map((rule) => rule.expr))).toEqual([]);
  });

  it('gives every alert a for, a severity and summary/description annotations', () => {
    for (const rule of rules) {
      expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
      expect(['warning', 'critical'], rule.alert).toContain(rule.labels?.severity);
      expect(Object.keys(rule.annotations ?? {}).sort(), rule.alert).toEqual(['description', 'summary']);
    }
    expect(rules.map((rule) => rule.alert)).toEqual([
      'ImageforgeBuildFailureRateHigh',
      'ImageforgeCacheHitRatioLow',
      'ImageforgeCacheOverLimit',
      'ImageforgeBuilderDown',
      'ImageforgeCriticalFindings',
    ]);
  });
});
