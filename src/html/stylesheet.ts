// The stylesheet of report.html and the dashboard as a string, so the bundled CLI can write report.css
// without reading files next to itself at run time. Source of truth: base.css, kept identical by a test.

export const STYLESHEET: string = `/* imageforge pages (report.html, dashboard): served under CSPs that forbid inline styles, so every
   colour, including the SVG charts', comes from this file. Edit here, then copy into stylesheet.ts. */
:root {
  --bg: #f4f6f8;
  --surface: #ffffff;
  --subtle: #eef1f4;
  --border: #d9dee4;
  --text: #1c2128;
  --muted: #5b6572;
  --accent: #2563eb;
  --success: #1a7f37;
  --success-bg: #dcf5e3;
  --failure: #c4232f;
  --failure-bg: #fde4e5;
  --warning: #8a5a00;
  --warning-bg: #fdf0c8;
  --neutral: #56606c;
  --neutral-bg: #e8ecf0;
  --cached: #3dab7a;
  --executed: #3b7ddd;
  --failed: #e0474f;
  --other: #a7b1bd;
  --log-bg: #14181d;
  --log-border: #14181d;
  --mono: ui-monospace, 'SFMono-Regular', 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace;
  color-scheme: light dark;
}

@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1317;
    --surface: #171c21;
    --subtle: #222931;
    --border: #303841;
    --text: #e4e8ec;
    --muted: #98a2ae;
    --accent: #6ea0ff;
    --success: #5fd08a;
    --success-bg: #133523;
    --failure: #ff7b82;
    --failure-bg: #40161a;
    --warning: #f0c24d;
    --warning-bg: #3a2d0c;
    --neutral: #aab3bd;
    --neutral-bg: #262d35;
    --other: #66717d;
    --log-bg: #0a0d10;
    --log-border: #303841;
  }
}

*,
*::before,
*::after {
  box-sizing: border-box;
}

body {
  margin: 0;
  background: var(--bg);
  color: var(--text);
  font:
    14px/1.5 system-ui,
    -apple-system,
    'Segoe UI',
    Roboto,
    'Helvetica Neue',
    Arial,
    sans-serif;
}

a {
  color: var(--accent);
  text-decoration: none;
}

a:hover {
  text-decoration: underline;
}

h1,
h2,
h3,
h4 {
  margin: 0;
  line-height: 1.25;
}

h1 {
  font-size: 22px;
}

h2 {
  font-size: 17px;
}

h3 {
  font-size: 13px;
  font-weight: 600;
  letter-spacing: 0.04em;
  text-transform: uppercase;
  color: var(--muted);
  margin-bottom: 8px;
}

h4 {
  font-size: 14px;
  margin-bottom: 4px;
}

code,
.mono {
  font-family: var(--mono);
  font-size: 0.92em;
}

.muted {
  color: var(--muted);
}

.page {
  max-width: 1120px;
  margin: 0 auto;
  padding: 0 24px;
}

/* Page header and footer */
.page-header {
  background: var(--surface);
  border-bottom: 1px solid var(--border);
  padding: 20px 0 16px;
  margin-bottom: 20px;
}

.eyebrow {
  margin: 0 0 4px;
  color: var(--muted);
  font-size: 12px;
  font-weight: 600;
  letter-spacing: 0.06em;
  text-transform: uppercase;
}

.title-row {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 12px;
}

.facts {
  display: flex;
  flex-wrap: wrap;
  gap: 8px 28px;
  margin: 14px 0 0;
}

.facts div {
  min-width: 0;
}

.facts dt {
  color: var(--muted);
  font-size: 12px;
}

.facts dd {
  margin: 0;
  font-weight: 500;
  overflow-wrap: anywhere;
}

.page-footer {
  color: var(--muted);
  font-size: 12px;
  padding-top: 8px;
  padding-bottom: 32px;
}

/* Cards, panels and layout */
.cards {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
  gap: 12px;
  margin-bottom: 16px;
}

.card,
.panel {
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: 10px;
}

.card {
  padding: 12px 16px;
}

.card-wide {
  grid-column: span 2;
}

.stat-value {
  display: block;
  font-size: 26px;
  font-weight: 650;
  line-height: 1.2;
}

.stat-label {
  color: var(--muted);
  font-size: 12px;
}

.stat-value.tone-failure {
  color: var(--failure);
}

.stat-value.tone-success {
  color: var(--success);
}

.stat-value.tone-warning {
  color: var(--warning);
}

.panel {
  padding: 16px 20px;
  margin-bottom: 16px;
}

.panel > h2 {
  margin-bottom: 12px;
}

.block {
  margin-top: 18px;
}

.subpanel {
  border: 1px solid var(--border);
  border-radius: 8px;
  padding: 12px 16px;
  margin-top: 12px;
}

.subpanel-head {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 4px 10px;
  margin-bottom: 8px;
}

.subpanel-head h4 {
  margin: 0;
}

.subpanel p {
  margin: 6px 0;
}

.grid-2 {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
  gap: 18px 28px;
}

/* Collapsible image sections: <details> needs no script */
details.panel > summary {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 6px 12px;
  cursor: pointer;
  list-style: none;
}

details.panel > summary::-webkit-details-marker {
  display: none;
}

details.panel > summary::before {
  content: '▸';
  color: var(--muted);
  width: 12px;
}

details.panel[open] > summary::before {
  content: '▾';
}

details.panel[open] > summary {
  padding-bottom: 12px;
  border-bottom: 1px solid var(--subtle);
}

.summary-meta {
  color: var(--muted);
  font-size: 13px;
}

/* Status badges and severity chips */
.badge {
  display: inline-block;
  padding: 1px 9px;
  border-radius: 999px;
  font-size: 12px;
  font-weight: 600;
  line-height: 18px;
  white-space: nowrap;
  text-transform: none;
  letter-spacing: normal;
  vertical-align: middle;
  background: var(--neutral-bg);
  color: var(--neutral);
}

.badge.tone-success {
  background: var(--success-bg);
  color: var(--success);
}

.badge.tone-failure {
  background: var(--failure-bg);
  color: var(--failure);
}

.badge.tone-warning {
  background: var(--warning-bg);
  color: var(--warning);
}

.chips {
  display: flex;
  flex-wrap: wrap;
  gap: 6px;
  margin: 6px 0;
}

.chip {
  display: inline-flex;
  gap: 6px;
  align-items: baseline;
  border: 1px solid var(--border);
  border-radius: 6px;
  padding: 1px 8px;
  font-size: 12px;
}

.chip strong {
  font-size: 13px;
}

.chip.severity-critical {
  background: #7f1d1d;
  border-color: #7f1d1d;
  color: #fff;
}

.chip.severity-high {
  background: #c2410c;
  border-color: #c2410c;
  color: #fff;
}

.chip.severity-medium {
  background: #f2b84b;
  border-color: #f2b84b;
  color: #3a2500;
}

.chip.severity-low {
  background: var(--subtle);
}

.chip.is-zero {
  background: transparent;
  border-color: var(--border);
  color: var(--muted);
}

/* Alerts */
.alert {
  border: 1px solid var(--border);
  border-left-width: 4px;
  border-radius: 8px;
  padding: 10px 14px;
  margin: 12px 0;
  background: var(--surface);
}

.alert.tone-failure {
  border-color: var(--failure);
  background: var(--failure-bg);
}

.alert.tone-warning {
  border-color: var(--warning);
  background: var(--warning-bg);
}

.alert p {
  margin: 2px 0;
}

.alert .hint {
  color: var(--muted);
}

/* Tables */
table.data {
  width: 100%;
  border-collapse: collapse;
  font-size: 13px;
}

table.data th {
  text-align: left;
  font-weight: 600;
  color: var(--muted);
  font-size: 12px;
  border-bottom: 1px solid var(--border);
  padding: 6px 10px 6px 0;
}

table.data td {
  border-bottom: 1px solid var(--subtle);
  padding: 7px 10px 7px 0;
  vertical-align: top;
  overflow-wrap: break-word;
}

table.data tr:last-child td {
  border-bottom: none;
}

table.data .num {
  text-align: right;
  font-variant-numeric: tabular-nums;
  white-space: nowrap;
}

table.data td.detail {
  padding-top: 0;
}

.table-scroll {
  overflow-x: auto;
}

/* Lists */
ul.plain {
  margin: 0;
  padding: 0;
  list-style: none;
}

ul.plain li {
  padding: 3px 0;
  overflow-wrap: anywhere;
}

ul.warnings li::before {
  content: '⚠ ';
  color: var(--warning);
}

/* Log excerpts */
pre.log {
  margin: 6px 0 12px;
  padding: 10px 12px;
  max-height: 420px;
  overflow: auto;
  background: var(--log-bg);
  color: #e6e9ed;
  border: 1px solid var(--log-border);
  border-radius: 8px;
  font-family: var(--mono);
  font-size: 12px;
  line-height: 1.45;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}

.log-error {
  color: var(--failure);
  font-family: var(--mono);
  font-size: 12px;
  margin: 0 0 4px;
  overflow-wrap: anywhere;
}

/* Charts (svg-charts.ts): geometry in attributes, colours here */
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
