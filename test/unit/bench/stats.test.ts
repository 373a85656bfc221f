import { describe, expect, it } from 'vitest';
import { interleavedOrder, median, summarize } from '../../../bench/lib/stats.js';
import { summarizeFailureOutput } from '../../../bench/lib/timing.js';
import type { Sample } from '../../../bench/lib/types.js';

const sample = (round: number, durationMs: number, ok = true): Sample => ({
  round,
  durationMs,
  ok,
  exitCode: ok ? 0 : 1,
  timedOut: false,
});

describe('median', () => {
  it.each([
    { values: [], expected: undefined },
    { values: [7], expected: 7 },
    { values: [3, 1, 2], expected: 2 },
    { values: [4, 1, 3, 2], expected: 2.5 },
    { values: [5000, 5100, 90_000, 4900, 5050], expected: 5050 },
  ])('of $values is $expected', ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('summarize', () => {
  it('uses only successful measured runs and counts failures', () => {
    const summary = summarize([
      sample(0, 100),
      sample(1, 5000),
      sample(2, 10, false),
      sample(3, 6000),
      sample(4, 4000),
    ]);
    expect(summary).toEqual({ medianMs: 5000, minMs: 4000, maxMs: 6000, okRuns: 3, failedRuns: 1 });
  });

  it('has no median when every run failed', () => {
    expect(summarize([sample(1, 10, false), sample(2, 12, false)])).toEqual({
      medianMs: undefined,
      minMs: undefined,
      maxMs: undefined,
      okRuns: 0,
      failedRuns: 2,
    });
  });
});

describe('interleavedOrder', () => {
  it('rotates the competitors by one each round', () => {
    const tools = ['imageforge', 'sequential', 'bake'];
    expect([1, 2, 3, 4].map((round) => interleavedOrder(tools, round))).toEqual([
      ['imageforge', 'sequential', 'bake'],
      ['sequential', 'bake', 'imageforge'],
      ['bake', 'imageforge', 'sequential'],
      ['imageforge', 'sequential', 'bake'],
    ]);
  });

  it('handles an empty list', () => {
    expect(interleavedOrder([], 3)).toEqual([]);
  });
});

describe('summarizeFailureOutput', () => {
  it('keeps the error line of a Node stack trace', () => {
    const output = [
      'node:internal/modules/esm/resolve:275',
      '    throw new ERR_MODULE_NOT_FOUND(',
      '          ^',
      '',
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/work/main/dist/cli/main.js' imported from /work/main/bin/imageforge.js",
      '    at finalizeResolution (node:internal/modules/esm/resolve:275:11)',
      '    at ModuleLoader.resolve (node:internal/modules/esm/loader:640:38)',
      '',
      'Node.js v20.20.2',
    ].join('\n');
    expect(summarizeFailureOutput(output)).toBe(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/work/main/dist/cli/main.js' imported from /work/main/bin/imageforge.js",
    );
  });

  it('keeps a buildx failure', () => {
    const output = [
      '#8 ERROR: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3',
      '------',
      'ERROR: failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3',
    ].join('\n');
    expect(summarizeFailureOutput(output)).toBe(
      '#8 ERROR: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3 ⏎ ' +
        'ERROR: failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3',
    );
  });

  it('falls back to the last lines, or says there was no output', () => {
    expect(summarizeFailureOutput('one\ntwo\nthree\nfour\n')).toBe('two ⏎ three ⏎ four');
    expect(summarizeFailureOutput('\n\n')).toBe('(no output)');
  });
});
