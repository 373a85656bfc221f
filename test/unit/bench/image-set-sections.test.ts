import { describe, expect, it } from 'vitest';
import { countsProblem, scenarioFailures, scenarioSelected } from '../../../bench/lib/image-set-bench.js';
import { formatDifference, formatMedianCell, medianRatio } from '../../../bench/lib/scenario-ratios.js';
import { summarize } from '../../../bench/lib/stats.js';
import type { CompetitorResult, RunFigures, Sample, ScenarioResult } from '../../../bench/lib/types.js';
import { summarizeGraph12 } from '../../../bench/scenarios/graph12.js';
import { summarizeOverhead } from '../../../bench/scenarios/overhead.js';
import { scalingSizes, summarizeScaling } from '../../../bench/scenarios/scaling.js';

type Run = number | 'fail';

function competitor(id: string, runs: Run[], figures?: RunFigures): CompetitorResult {
  const samples: Sample[] = runs.map((run, index) => ({
    round: index + 1,
    durationMs: run === 'fail' ? 100 : run,
    ok: run !== 'fail',
    exitCode: run === 'fail' ? 1 : 0,
    timedOut: false,
    ...(run === 'fail' ? { error: 'verification: missing images: x' } : {}),
    ...(figures && run !== 'fail' ? { figures } : {}),
  }));
  const label = id === 'imageforge-force' ? 'imageforge --force' : id;
  return { id, label, commandLine: `${id} build`, samples, summary: summarize(samples) };
}

function scenario(name: string, competitors: CompetitorResult[]): ScenarioResult {
  return { name, description: `${name} runs`, competitors };
}

/** The cells of the first table row whose first cell is `first`. */
function tableRow(markdown: string, first: string): string[] {
  const rows = markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  return rows.find((cells) => cells[0] === first) ?? [];
}

describe('summarizeGraph12', () => {
  const built = (count: number, upToDate: number): RunFigures => ({
    built: count,
    upToDate,
    cpuMs: 800,
    timings: { buildMs: 1000 },
  });
  const scenarios = [
    scenario('cold', [
      competitor('imageforge', [8200, 8000, 8100], built(12, 0)),
      competitor('sequential', [15_000, 15_200, 14_900]),
      competitor('bake', [7900, 7800, 8000]),
    ]),
    scenario('warm', [
      competitor('imageforge', [500, 520, 510], built(0, 12)),
      competitor('imageforge-force', [2100, 2000, 2050], built(12, 0)),
      competitor('sequential', [4000, 4100, 3900]),
      competitor('bake', [1900, 1950, 2000]),
    ]),
    scenario('leaf-change', [
      competitor('imageforge', [1500, 1400, 1450], built(1, 11)),
      competitor('imageforge-force', [2400, 2500, 2450], built(12, 0)),
      competitor('sequential', [5000, 5100, 4900]),
      competitor('bake', [2300, 2200, 2250]),
    ]),
  ];

  it('judges cold and warm against the targets and says which one is missed', () => {
    const section = summarizeGraph12(scenarios);
    // cold: 8100 / 7900 = 1.025 (within 1.05), speedup 15000 / 8100 = 1.85
    expect(tableRow(section.markdown, 'cold')).toEqual([
      'cold',
      '8.10 s',
      '—',
      '15.00 s',
      '7.90 s',
      '1.85×',
      '1.03×',
      '—',
      '—',
      'yes',
    ]);
    expect(tableRow(section.markdown, 'warm').slice(-5)).toEqual(['7.84×', '0.26×', '1.05×', '4.02×', 'yes']);
    expect(tableRow(section.markdown, 'leaf-change').at(-1)).toBe('no target');
    expect(section.targetsMet).toBe(true);
    expect(section.markdown).toContain(
      '- cold: speedup over the sequential loop 1.85× — met; ratio to bake 1.03× — met',
    );
    expect(section.markdown).toContain(
      '- incremental skip, leaf-change: 2.45 s with `--force` → 1.45 s as run normally (1.69× faster; built/up to date 1/11;',
    );

    const slowCold = summarizeGraph12([
      scenario('cold', [
        competitor('imageforge', [9000]),
        competitor('sequential', [15_000]),
        competitor('bake', [8000]),
      ]),
    ]);
    expect(slowCold.targetsMet).toBe(false);
    expect(slowCold.markdown).toContain('ratio to bake 1.13× — **not met**');
  });

  it('cannot tell when imageforge failed every run, and lists the failure', () => {
    const section = summarizeGraph12([
      scenario('cold', [
        competitor('imageforge', ['fail', 'fail']),
        competitor('sequential', [15_000, 15_000]),
        competitor('bake', [8000, 8000]),
      ]),
    ]);
    expect(section.targetsMet).toBeUndefined();
    expect(tableRow(section.markdown, 'cold')[1]).toBe('failed (2/2)');
    expect(section.failures).toEqual(['cold: imageforge failed 2/2 runs — verification: missing images: x']);
  });
});

describe('summarizeScaling', () => {
  const figures = (cpuMs: number, rss: number, built: number, upToDate: number): RunFigures => ({
    cpuMs,
    maxRssBytes: rss,
    childrenCpuMs: 2000,
    timings: { planMs: 60, buildMs: 18_000 },
    built,
    upToDate,
  });

  it('holds the 50-image cold run to 5% CPU of wall time and every run to 200 MB', () => {
    const section = summarizeScaling([
      scenario('cold-1', [
        competitor('imageforge', [2000], figures(500, 110e6, 1, 0)),
        competitor('bake', [1500]),
      ]),
      scenario('cold-50', [
        competitor('imageforge', [20_000, 21_000], figures(800, 150e6, 50, 0)),
        competitor('bake', [19_000, 19_500]),
      ]),
      scenario('warm-50', [competitor('imageforge', [2500], figures(700, 120e6, 0, 50))]),
    ]);
    expect(section.targetsMet).toBe(true);
    expect(section.markdown).toMatch(/^## scaling: 1, 50 images — wall time/);
    expect(tableRow(section.markdown, '50').slice(0, 11)).toEqual([
      '50',
      'cold',
      '20.50 s',
      '19.25 s',
      '+1.25 s',
      '0.80 s',
      '3.9%',
      '12.1%',
      '2.00 s',
      '150.0 MB / 150.0 MB',
      '50/0',
    ]);
    expect(section.markdown).toContain(
      '- overhead at 50 images (cold): imageforge CPU 3.9% of the wall time — met (< 5%);',
    );
    expect(section.markdown).toContain('phase 12.1% of the wall time (**not met** by the same 5% bar)');
    expect(section.markdown).toContain('- memory: highest peak RSS 150.0 MB — met (< 200 MB)');
    expect(section.markdown).toContain('plan 0.06 s, build 18.00 s, other 2.44 s');
  });

  it('fails the memory target on any run over 200 MB, and cannot judge overhead without 50 images', () => {
    const section = summarizeScaling([
      scenario('cold-10', [competitor('imageforge', [5000], figures(400, 210e6, 10, 0))]),
    ]);
    expect(section.targetsMet).toBeUndefined();
    expect(section.markdown).toContain('- overhead: n/a — the 50-image cold scenario did not run');
    expect(section.markdown).toContain('- memory: highest peak RSS 210.0 MB — **not met** (< 200 MB)');
  });

  it('reads BENCH_SCALING_SIZES', () => {
    expect(scalingSizes(undefined)).toEqual([1, 10, 50]);
    expect(scalingSizes(' 10, 1,10 ')).toEqual([1, 10]);
    expect(() => scalingSizes('1,ten')).toThrow('BENCH_SCALING_SIZES');
    expect(() => scalingSizes('0')).toThrow('BENCH_SCALING_SIZES');
  });
});

describe('summarizeOverhead', () => {
  it('shows imageforge against plain buildx, with and without --force', () => {
    const section = summarizeOverhead([
      scenario('cold', [
        competitor('imageforge', [3000, 3100, 2900], { cpuMs: 540, maxRssBytes: 117e6 }),
        competitor('buildx', [2500, 2600, 2400]),
      ]),
      scenario('warm', [
        competitor('imageforge-force', [1200, 1300, 1250]),
        competitor('imageforge', [500, 520, 480], { cpuMs: 450, maxRssBytes: 115e6 }),
        competitor('buildx', [1000, 1100, 1050]),
      ]),
    ]);
    expect(tableRow(section.markdown, 'cold')).toEqual([
      'cold',
      '3.00 s',
      '—',
      '2.50 s',
      '1.20×',
      '—',
      '+0.50 s',
      '0.54 s (18.0%)',
      '117.0 MB',
    ]);
    expect(tableRow(section.markdown, 'warm').slice(1, 7)).toEqual([
      '0.50 s',
      '1.25 s',
      '1.05 s',
      '0.48×',
      '1.19×',
      '−0.55 s',
    ]);
    expect(section.targetsMet).toBeUndefined();
    expect(section.failures).toEqual([]);
  });
});

describe('shared helpers', () => {
  it('compares report counts with what the scenario expects', () => {
    expect(countsProblem(undefined, undefined)).toBeUndefined();
    expect(countsProblem({ built: 1, upToDate: 11 }, { built: 1, upToDate: 11 })).toBeUndefined();
    expect(countsProblem({ built: 1, upToDate: 11 }, { built: 12, upToDate: 0 })).toBe(
      'expected 1 built / 11 up to date, report says 12 built / 0 up to date',
    );
    expect(countsProblem({ built: 1, upToDate: 0 }, { cpuMs: 5 })).toBe(
      'no report.json figures after the run',
    );
  });

  it('selects scenarios by any of their names', () => {
    expect(scenarioSelected([], 'cold')).toBe(true);
    expect(scenarioSelected(['warm'], 'cold', 'cold-50')).toBe(false);
    expect(scenarioSelected(['cold-50'], 'cold', 'cold-50')).toBe(true);
  });

  it('computes ratios and differences of medians, and formats missing ones', () => {
    const result = scenario('warm', [
      competitor('a', [2000]),
      competitor('b', [1000]),
      competitor('c', ['fail']),
    ]);
    expect(medianRatio(result, 'a', 'b')).toBe(2);
    expect(medianRatio(result, 'a', 'c')).toBeUndefined();
    expect(formatDifference(result, 'b', 'a')).toBe('−1.00 s');
    expect(formatMedianCell(result, 'c')).toBe('failed (1/1)');
    expect(formatMedianCell(result, 'missing')).toBe('—');
    expect(scenarioFailures([result])).toEqual(['warm: c failed 1/1 runs — verification: missing images: x']);
  });
});
