// Design tokens (colours, spacing, type) and the page's base elements.
// Part of the one stylesheet of report.html and the dashboard (src/html/stylesheet.ts).

export const TOKENS_STYLES: string = `/* imageforge pages (report.html, dashboard): served under CSPs that forbid inline styles, so every
   colour, including the SVG charts', comes from this stylesheet. */
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

`;
