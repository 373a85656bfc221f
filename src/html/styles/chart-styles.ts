// The SVG charts of svg-charts.ts: geometry is in attributes, colours here; legends and key figures.
// Part of the one stylesheet of report.html and the dashboard (src/html/stylesheet.ts).

export const CHART_STYLES: string = `/* Charts (svg-charts.ts): geometry in attributes, colours here */
svg.chart {
  display: block;
  max-width: 100%;
  height: auto;
  overflow: visible;
}

.chart text {
  font-family: inherit;
  font-size: 12px;
  fill: var(--text);
}

.chart .chart-axis-label,
.chart .chart-value,
.chart .chart-empty {
  fill: var(--muted);
  font-size: 11px;
}

.chart .chart-value {
  font-variant-numeric: tabular-nums;
}

.chart .chart-grid {
  stroke: var(--subtle);
  stroke-width: 1;
}

.chart .chart-track {
  fill: var(--subtle);
}

.chart .chart-bar {
  fill: var(--accent);
}

.chart .chart-row:hover .chart-bar {
  opacity: 0.8;
}

.chart .chart-line {
  stroke: var(--accent);
  stroke-width: 2;
}

.chart .chart-dot {
  fill: var(--surface);
  stroke: var(--accent);
  stroke-width: 2;
}

.chart .step-cached,
.chart .is-cached {
  fill: var(--cached);
}

.chart .step-executed,
.chart .is-executed {
  fill: var(--executed);
}

.chart .step-failed,
.chart .is-failed {
  fill: var(--failed);
}

.chart .step-other {
  fill: var(--other);
}

/* Wide charts scroll sideways on small screens instead of shrinking their text */
.chart-scroll {
  overflow-x: auto;
}

.chart-scroll > svg.chart {
  max-width: none;
}

/* Chart legends */
.legend {
  display: flex;
  flex-wrap: wrap;
  gap: 4px 16px;
  margin: 8px 0 0;
  padding: 0;
  list-style: none;
  color: var(--muted);
  font-size: 12px;
}

.legend li {
  display: inline-flex;
  align-items: center;
  gap: 6px;
}

.swatch {
  display: inline-block;
  width: 12px;
  height: 12px;
  border-radius: 3px;
  background: var(--accent);
}

.swatch.step-cached {
  background: var(--cached);
}

.swatch.step-executed {
  background: var(--executed);
}

.swatch.step-failed {
  background: var(--failed);
}

.swatch.step-other {
  background: var(--other);
}

.legend-note {
  margin: 4px 0 0;
  color: var(--muted);
  font-size: 12px;
}

/* Key figures beside a chart */
.figure-row {
  display: flex;
  flex-wrap: wrap;
  align-items: baseline;
  gap: 4px 18px;
  margin-bottom: 6px;
}

.big-figure {
  font-size: 24px;
  font-weight: 650;
}
`;
