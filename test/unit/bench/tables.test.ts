import { describe, expect, it } from 'vitest';
import { compareScenario, renderComparisonTable, renderDetailsTable } from '../../../bench/lib/comparison.js';
import { formatSeconds, renderMarkdownTable } from '../../../bench/lib/markdown-table.js';
import { summarize } from '../../../bench/lib/stats.js';
import type { CompetitorResult, Sample, ScenarioResult } from '../../../bench/lib/types.js';
import { JENKINS_HA_TARGETS, summarizeSection } from '../../../bench/scenarios/jenkins-ha.js';

function competitor(id: string, durations: (number | 'fail')[]): CompetitorResult {
  const samples: Sample[] = durations.map((duration, index) => ({
    round: index + 1,
    durationMs: duration === 'fail' ? 300 : duration,
    ok: duration !== 'fail',
    exitCode: duration === 'fail' ? 1 : 0,
    timedOut: false,
    ...(duration === 'fail' ? { error: 'exit 1: Cannot find module dist/cli/main.js' } : {}),
  }));
  return { id, label: id, commandLine: `${id} build`, samples, summary: summarize(samples) };
}

function scenario(
  name: string,
  imageforge: (number | 'fail')[],
  sequential: number[],
  bake: number[],
): ScenarioResult {
  return {
    name,
    description: `${name} runs`,
    competitors: [
      competitor('imageforge', imageforge),
      competitor('sequential', sequential),
      competitor('bake', bake),
    ],
  };
}

describe('renderMarkdownTable', () => {
  it('pads columns, right-aligns where asked and escapes pipes', () => {
    expect(
      renderMarkdownTable(
        ['name', 'time'],
        [
          ['a|b', '1.00 s'],
          ['longer name', '10.00 s'],
        ],
        ['left', 'right'],
      ),
    ).toBe(
      [
        '| name        |    time |',
        '| ----------- | ------: |',
        '| a\\|b        |  1.00 s |',
        '| longer name | 10.00 s |',
      ].join('\n'),
    );
  });

  it('formats milliseconds as seconds', () => {
    expect(formatSeconds(5432)).toBe('5.43 s');
  });
});

describe('compareScenario', () => {
  it('computes speedup over sequential and ratio to bake from medians', () => {
    const row = compareScenario(
      scenario('cold', [3000, 3100, 2900], [6000, 6200, 5800], [2950, 3000, 3050]),
      JENKINS_HA_TARGETS,
    );
    expect(row.speedup).toBeCloseTo(2, 5);
    expect(row.ratio).toBeCloseTo(1, 5);
    expect(row.targetsMet).toBe(true);
  });

  it('misses the targets when imageforge is slower than 1.05x bake', () => {
    const row = compareScenario(scenario('warm', [1100], [2000], [1000]), JENKINS_HA_TARGETS);
    expect(row.ratio).toBeCloseTo(1.1, 5);
    expect(row.targetsMet).toBe(false);
  });

  it('cannot tell when imageforge failed every run', () => {
    const row = compareScenario(
      scenario('cold', ['fail', 'fail'], [6000, 6000], [3000, 3000]),
      JENKINS_HA_TARGETS,
    );
    expect(row).toMatchObject({ speedup: undefined, ratio: undefined, targetsMet: undefined });
  });
});

describe('renderComparisonTable', () => {
  it('renders one row per scenario with medians, speedup, ratio and verdict', () => {
    const rows = [
      compareScenario(
        scenario('cold', [3000, 3100, 2900], [6000, 6200, 5800], [2950, 3000, 3050]),
        JENKINS_HA_TARGETS,
      ),
      compareScenario(scenario('warm', ['fail', 'fail'], [1500, 1500], [600, 600]), JENKINS_HA_TARGETS),
    ];
    expect(renderComparisonTable(rows, JENKINS_HA_TARGETS)).toBe(
      [
        '| scenario | imageforge median | sequential median | bake median | imageforge÷sequential speedup | imageforge÷bake ratio | targets met? |',
        '| -------- | ----------------: | ----------------: | ----------: | ----------------------------: | --------------------: | ------------ |',
        '| cold     |            3.00 s |            6.00 s |      3.00 s |                         2.00× |                 1.00× | yes          |',
        '| warm     |      failed (2/2) |            1.50 s |      0.60 s |                             — |                     — | n/a          |',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to compare', () => {
    expect(renderComparisonTable([], JENKINS_HA_TARGETS)).toBe('_no scenarios ran_');
  });

  it('lists every competitor with run counts in the details table', () => {
    const table = renderDetailsTable([scenario('cold', ['fail', 3000], [6000, 6000], [3000, 3000])]);
    expect(table.split('\n')).toHaveLength(5);
    expect(table).toContain(
      '| cold     | imageforge |     1/2 | 3.00 s | 3.00 s | 3.00 s | `imageforge build` |',
    );
  });
});

describe('summarizeSection', () => {
  it('reports failed competitors with their first error and leaves targets undecided', () => {
    const section = summarizeSection([scenario('cold', ['fail', 'fail'], [6000, 6000], [3000, 3000])]);
    expect(section.failures).toEqual([
      'cold: imageforge failed 2/2 runs — exit 1: Cannot find module dist/cli/main.js',
    ]);
    expect(section.targetsMet).toBeUndefined();
    expect(section.markdown).toContain('| cold     |      failed (2/2) |');
  });
});
