import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../bench/lib/run-scenario.js';
import type { Competitor, RunFigures } from '../../../bench/lib/types.js';

const node = (id: string, code: string): Competitor => ({
  id,
  label: id,
  command: 'node',
  args: ['-e', code],
});

describe('runScenario with collect and verify', () => {
  it('attaches what collect read to successful samples and hands it to verify', async () => {
    const seen: (RunFigures | undefined)[] = [];
    let runs = 0;
    const result = await runScenario(
      {
        name: 'warm',
        description: 'test',
        competitors: [node('imageforge', ''), node('bake', ''), node('broken', 'process.exit(4)')],
        runs: 2,
        prime: false,
        collect: (competitor) =>
          Promise.resolve(
            competitor.id === 'imageforge' ? { built: 0, upToDate: ++runs === 1 ? 12 : 11 } : undefined,
          ),
        verify: (competitor, figures) => {
          seen.push(figures);
          const wrong = competitor.id === 'imageforge' && figures?.upToDate !== 12;
          return Promise.resolve(wrong ? 'expected 12 up to date' : undefined);
        },
      },
      { root: process.cwd(), env: process.env, timeoutMs: 30_000, log: () => undefined },
    );
    const [imageforge, bake, broken] = result.competitors;
    expect(imageforge?.samples.map((sample) => [sample.ok, sample.figures?.upToDate, sample.error])).toEqual([
      [true, 12, undefined],
      [false, 11, 'verification: expected 12 up to date'],
    ]);
    expect(bake?.samples.every((sample) => sample.ok && sample.figures === undefined)).toBe(true);
    // a failed run is neither collected nor verified
    expect(broken?.summary).toMatchObject({ okRuns: 0, failedRuns: 2 });
    expect(seen).toHaveLength(4);
  }, 30_000); // six real node processes: slow on a loaded 2-CPU machine
});
