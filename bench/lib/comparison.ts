// Compares a subject (imageforge) against reference competitors in each scenario and checks the
// targets: "at least N× faster than X" (speedup = X ÷ subject) and "within N× of Y" (ratio = subject ÷ Y).
import { formatSeconds, renderMarkdownTable, type Alignment } from './markdown-table.js';
import type { CompetitorResult, ScenarioResult, Summary } from './types.js';

export interface ComparisonTargets {
  subject: string;
  /** subject must be at least `min` times faster than `against`. */
  speedup: { against: string; min: number };
  /** subject may take at most `max` times as long as `against`. */
  ratio: { against: string; max: number };
}

export interface ComparisonRow {
  scenario: string;
  /** Competitor id → summary, in the scenario's competitor order. */
  summaries: { id: string; label: string; summary: Summary }[];
  speedup: number | undefined;
  ratio: number | undefined;
  /** Undefined when a median needed for a target is missing (a competitor failed every run). */
  targetsMet: boolean | undefined;
}

export function compareScenario(scenario: ScenarioResult, targets: ComparisonTargets): ComparisonRow {
  const medianOf = (id: string): number | undefined => findCompetitor(scenario, id)?.summary.medianMs;
  const subject = medianOf(targets.subject);
  const speedupAgainst = medianOf(targets.speedup.against);
  const ratioAgainst = medianOf(targets.ratio.against);
  const speedup = subject && speedupAgainst !== undefined ? speedupAgainst / subject : undefined;
  const ratio = subject !== undefined && ratioAgainst ? subject / ratioAgainst : undefined;
  const targetsMet =
    speedup === undefined || ratio === undefined
      ? undefined
      : speedup >= targets.speedup.min && ratio <= targets.ratio.max;
  return {
    scenario: scenario.name,
    summaries: scenario.competitors.map(({ id, label, summary }) => ({ id, label, summary })),
    speedup,
    ratio,
    targetsMet,
  };
}

function findCompetitor(scenario: ScenarioResult, id: string): CompetitorResult | undefined {
  return scenario.competitors.find((competitor) => competitor.id === id);
}

/** `scenario | <each> median | subject÷X speedup | subject÷Y ratio | targets met?` */
export function renderComparisonTable(rows: readonly ComparisonRow[], targets: ComparisonTargets): string {
  const first = rows[0];
  if (!first) return '_no scenarios ran_';
  const header = [
    'scenario',
    ...first.summaries.map(({ id }) => `${id} median`),
    `${targets.subject}÷${targets.speedup.against} speedup`,
    `${targets.subject}÷${targets.ratio.against} ratio`,
    'targets met?',
  ];
  const body = rows.map((row) => [
    row.scenario,
    ...row.summaries.map(({ summary }) => formatMedian(summary)),
    row.speedup === undefined ? '—' : `${row.speedup.toFixed(2)}×`,
    row.ratio === undefined ? '—' : `${row.ratio.toFixed(2)}×`,
    row.targetsMet === undefined ? 'n/a' : row.targetsMet ? 'yes' : 'no',
  ]);
  const align = header.map((_, index): Alignment =>
    index === 0 || index === header.length - 1 ? 'left' : 'right',
  );
  return renderMarkdownTable(header, body, align);
}

/** One line per scenario × competitor: runs, median, min, max, and the command. */
export function renderDetailsTable(scenarios: readonly ScenarioResult[]): string {
  const header = ['scenario', 'competitor', 'ok runs', 'median', 'min', 'max', 'command'];
  const body = scenarios.flatMap((scenario) =>
    scenario.competitors.map(({ id, summary, commandLine }) => [
      scenario.name,
      id,
      `${summary.okRuns}/${summary.okRuns + summary.failedRuns}`,
      summary.medianMs === undefined ? '—' : formatSeconds(summary.medianMs),
      summary.minMs === undefined ? '—' : formatSeconds(summary.minMs),
      summary.maxMs === undefined ? '—' : formatSeconds(summary.maxMs),
      `\`${commandLine}\``,
    ]),
  );
  return renderMarkdownTable(header, body, ['left', 'left', 'right', 'right', 'right', 'right', 'left']);
}

function formatMedian(summary: Summary): string {
  const total = summary.okRuns + summary.failedRuns;
  if (summary.medianMs === undefined) return total === 0 ? '—' : `failed (${summary.failedRuns}/${total})`;
  const failures = summary.failedRuns > 0 ? ` (${summary.failedRuns}/${total} failed)` : '';
  return `${formatSeconds(summary.medianMs)}${failures}`;
}
