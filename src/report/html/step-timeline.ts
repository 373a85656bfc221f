// The per-image step chart. BuildKit reports how long each step took but not when it started, so
// steps are laid end to end in build order; the legend says so, so nobody reads overlap into it.
import { markup, trustedHtml, type SafeHtml } from '../../html/html-template.js';
import { timelineSvg, type TimelineRow } from '../../html/svg-charts.js';
import { formatDuration } from '../human-format.js';
import type { StepResult } from '../report-types.js';

export const TIMELINE_WIDTH = 960;

type StepKind = 'failed' | 'cached' | 'executed' | 'other';

const LEGEND: Array<[StepKind, string]> = [
  ['executed', 'executed'],
  ['cached', 'from cache'],
  ['failed', 'failed'],
  ['other', 'not cacheable (FROM, context, internal)'],
];

export function stepKind(step: StepResult): StepKind {
  if (step.error !== undefined) return 'failed';
  if (step.cached) return 'cached';
  return step.cacheable ? 'executed' : 'other';
}

/** Rows on a shared axis: each step starts where the previous one ended. */
export function sequentialRows(steps: StepResult[]): TimelineRow[] {
  let start = 0;
  return steps.map((step) => {
    const end = start + (step.durationMs ?? 0);
    const row = { label: step.name, start, end, className: `step-${stepKind(step)}` };
    start = end;
    return row;
  });
}

export function stepTimeline(imageName: string, steps: StepResult[]): SafeHtml {
  if (steps.length === 0) return markup`<p class="muted">No build steps recorded.</p>`;
  const rows = sequentialRows(steps);
  const total = rows.at(-1)?.end ?? 0;
  const svg = timelineSvg(rows, { width: TIMELINE_WIDTH, title: `Build steps of ${imageName}` });
  const kinds = new Set(steps.map(stepKind));
  const legend = LEGEND.filter(([kind]) => kinds.has(kind)).map(
    ([kind, text]) => markup`<li><span class="swatch step-${kind}"></span>${text}</li>`,
  );
  return markup`<div class="timeline"><div class="chart-scroll">${trustedHtml(svg)}</div><ul class="legend">${legend}</ul>
<p class="legend-note">${steps.length} steps, ${total < 1000 ? `${total}ms` : formatDuration(total)} in total. Steps are drawn one after another in build order: BuildKit reports each step's duration, not its start time, so steps that ran in parallel appear in sequence.</p></div>`;
}
