// The stylesheet of report.html and the dashboard as a string, so the bundled CLI can write report.css
// without reading files next to itself at run time. Pages are served under CSPs that forbid inline
// styles, so every colour, including the SVG charts', comes from here; one file per concept in styles/.
import { CHART_STYLES } from './styles/chart-styles.js';
import { COMPONENT_STYLES } from './styles/component-styles.js';
import { LAYOUT_STYLES } from './styles/layout-styles.js';
import { TOKENS_STYLES } from './styles/tokens-styles.js';

export const STYLESHEET_PARTS: readonly string[] = [
  TOKENS_STYLES,
  LAYOUT_STYLES,
  COMPONENT_STYLES,
  CHART_STYLES,
];

export const STYLESHEET: string = STYLESHEET_PARTS.join('');
