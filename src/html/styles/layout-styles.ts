// Page frame: header and footer, cards and panels, collapsible image sections.
// Part of the one stylesheet of report.html and the dashboard (src/html/stylesheet.ts).

export const LAYOUT_STYLES: string = `/* Page header and footer */
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

`;
