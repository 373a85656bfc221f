// Styles only the dashboard needs (top navigation, filter form, pager, ratio meters), appended to
// the shared STYLESHEET in /assets/style.css; the shared variables keep both themes consistent.
export const DASHBOARD_STYLES = `/* imageforge serve */
.topbar {
  background: var(--surface);
  border-bottom: 1px solid var(--border);
  margin-bottom: 20px;
}

.topbar-row {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 8px 24px;
  min-height: 52px;
}

.brand {
  font-weight: 700;
  font-size: 16px;
  color: var(--text);
  letter-spacing: -0.01em;
}

.brand::before {
  content: '';
  display: inline-block;
  width: 10px;
  height: 10px;
  margin-right: 8px;
  border-radius: 3px;
  background: var(--accent);
}

.topnav {
  display: flex;
  gap: 4px;
}

.topnav a {
  padding: 6px 12px;
  border-radius: 6px;
  color: var(--muted);
  font-weight: 500;
}

.topnav a:hover {
  background: var(--subtle);
  text-decoration: none;
}

.topnav a[aria-current='page'] {
  background: var(--subtle);
  color: var(--text);
}

.topbar-note {
  margin-left: auto;
  color: var(--muted);
  font-size: 12px;
  font-family: var(--mono);
  overflow-wrap: anywhere;
}

.page-title {
  margin-bottom: 16px;
}

.title-note {
  margin: 6px 0 0;
}

.stat-note {
  display: block;
  margin-top: 2px;
  color: var(--muted);
  font-size: 12px;
}

.run-facts {
  margin: 0 0 16px;
}

form.filters {
  display: flex;
  flex-wrap: wrap;
  align-items: flex-end;
  gap: 10px 14px;
  margin-bottom: 16px;
}

form.filters label {
  display: flex;
  flex-direction: column;
  gap: 3px;
  color: var(--muted);
  font-size: 12px;
}

form.filters input,
form.filters select,
form.filters button,
.button-link {
  font: inherit;
  height: 32px;
  padding: 4px 10px;
  border: 1px solid var(--border);
  border-radius: 6px;
  background: var(--surface);
  color: var(--text);
}

form.filters input {
  width: 180px;
}

form.filters button {
  background: var(--accent);
  border-color: var(--accent);
  color: #fff;
  font-weight: 600;
  cursor: pointer;
}

.button-link {
  display: inline-flex;
  align-items: center;
}

.pager {
  display: flex;
  justify-content: space-between;
  gap: 12px;
  margin: 0 0 24px;
}

.ratio {
  display: inline-flex;
  align-items: center;
  gap: 6px;
  white-space: nowrap;
  font-variant-numeric: tabular-nums;
}

meter {
  width: 64px;
  height: 8px;
}

.nowrap {
  white-space: nowrap;
}

.text-failure {
  color: var(--failure);
  font-weight: 600;
}

.text-warning {
  color: var(--warning);
  font-weight: 600;
}

ul.steps li {
  display: flex;
  justify-content: space-between;
  gap: 12px;
  border-bottom: 1px solid var(--subtle);
}

ul.steps li:last-child {
  border-bottom: none;
}

.step-time {
  white-space: nowrap;
  font-variant-numeric: tabular-nums;
}

table.data .chips {
  margin: 0;
}
`;
