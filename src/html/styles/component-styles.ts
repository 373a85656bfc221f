// Building blocks inside panels: status badges, severity chips, alerts, tables, lists, log excerpts.
// Part of the one stylesheet of report.html and the dashboard (src/html/stylesheet.ts).

export const COMPONENT_STYLES: string = `/* Status badges and severity chips */
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

`;
