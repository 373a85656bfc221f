import { describe, expect, it } from 'vitest';
import { renderSummaryTable } from '../../../src/report/summary-table.js';
import { sampleImage, sampleReport } from './sample-report.js';

// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b\[/;

describe('renderSummaryTable', () => {
  it('shows one row per image, a totals line and why images did not build', () => {
    const table = renderSummaryTable(sampleReport(), { color: false });

    expect(table.split('\n')).toEqual([
      'IMAGE       STATUS    METHOD    TIME   CACHE       ATTEMPTS  DIGEST',
      'base        built     buildkit  4.1s   7/7 (100%)  1         sha256:0123456789ab',
      'controller  built     buildkit  12.3s  3/7 (43%)   1         sha256:0123456789ab',
      'agent       failed    buildkit  9.0s   1/4 (25%)   2         -',
      'agent-x     skipped*  -         -      -           0         -',
      '',
      '4 images: 2 built, 1 failed, 1 skipped in 25.4s · cache 11/18 steps (61%)',
      '',
      '✗ agent: RUN make exited with code 2',
      '  hint: Fix the failing command in images/agent/Dockerfile.',
      '* agent-x: skipped (dependency failed: agent)',
      '',
    ]);
  });

  it('drops the digest column first when the terminal is narrow', () => {
    const table = renderSummaryTable(sampleReport(), { color: false, width: 60 });

    expect(table.split('\n')[0]).toBe('IMAGE       STATUS    METHOD    TIME   CACHE       ATTEMPTS');
  });

  it('colours status only when asked to', () => {
    const report = sampleReport({ images: [sampleImage('base')] });

    expect(renderSummaryTable(report, { color: false })).not.toMatch(ESCAPE);
    expect(renderSummaryTable(report, { color: true })).toMatch(ESCAPE);
  });

  it('says so when no image had cacheable steps', () => {
    const report = sampleReport({ images: [] });

    expect(renderSummaryTable(report, { color: false })).toContain(
      '0 images: 0 built, 0 failed, 0 skipped in 25.4s · cache: no cacheable steps',
    );
  });
});
