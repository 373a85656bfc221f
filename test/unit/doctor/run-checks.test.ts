import { describe, expect, it } from 'vitest';
import { runChecks, summarize } from '../../../src/doctor/run-checks.js';
import type { DoctorCheck } from '../../../src/doctor/doctor-types.js';

const check = (id: string, run: DoctorCheck['run'], timeoutMs?: number): DoctorCheck => ({
  id,
  title: id,
  run,
  ...(timeoutMs ? { timeoutMs } : {}),
});

describe('runChecks', () => {
  it('turns a check that never answers into a failed finding naming the limit', async () => {
    const started = Date.now();
    const report = await runChecks([
      check('hangs', () => new Promise(() => undefined), 50),
      check('fine', () => Promise.resolve({ status: 'ok', finding: 'fine' })),
    ]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(report.checks[0]).toMatchObject({ id: 'hangs', status: 'fail', finding: 'no answer after 50 ms' });
    expect(report.checks[1]).toMatchObject({ id: 'fine', status: 'ok' });
    expect(report.status).toBe('fail');
  });

  it('reports a check that throws as failed, with its message, and keeps the order', async () => {
    const report = await runChecks([
      check('a', () => Promise.reject(new Error('boom'))),
      check('b', () => Promise.resolve({ status: 'warn', finding: 'meh' })),
    ]);
    expect(report.checks.map((result) => result.id)).toEqual(['a', 'b']);
    expect(report.checks[0]?.finding).toBe('the check itself failed: boom');
  });
});

describe('summarize', () => {
  it.each([
    [['ok', 'skip'], 'ok'],
    [['ok', 'warn', 'skip'], 'warn'],
    [['warn', 'fail'], 'fail'],
  ] as const)('%j → %s', (statuses, expected) => {
    const results = statuses.map((status, index) => ({ id: `c${index}`, title: '', status, finding: '' }));
    expect(summarize(results).status).toBe(expected);
  });
});
