import { describe, expect, it } from 'vitest';
import { doctorJson, renderDoctorResult } from '../../../src/doctor/doctor-output.js';
import type { DoctorResult } from '../../../src/doctor/run-doctor.js';
import { stripAnsi } from '../../../src/report/strip-ansi.js';

const result: DoctorResult = {
  mode: 'fix',
  dryRun: true,
  report: {
    status: 'fail',
    summary: { ok: 1, warn: 0, fail: 1, skip: 0 },
    durationMs: 12,
    checks: [
      { id: 'daemon', title: 'Docker daemon', status: 'ok', finding: 'answers', durationMs: 3 },
      {
        id: 'cli-plugins',
        title: 'docker CLI plugins',
        status: 'fail',
        finding: '1 invalid: /x/docker-gone (broken-symlink)',
        hint: 'quarantine it',
        repair: {
          mode: 'fix',
          description: 'quarantine 1 invalid plugin',
          apply: () => Promise.resolve({ summary: '' }),
        },
      },
    ],
  },
  actions: [
    { check: 'cli-plugins', mode: 'fix', description: 'quarantine 1 invalid plugin', status: 'planned' },
  ],
  after: undefined,
  bytesReclaimed: 0,
  exitCode: 1,
};

describe('doctor output', () => {
  it('JSON is plain data with the documented keys (no functions), round-trippable', () => {
    const json = doctorJson(result);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(Object.keys(json)).toEqual([
      'schemaVersion',
      'mode',
      'dryRun',
      'status',
      'exitCode',
      'summary',
      'checks',
      'actions',
      'bytesReclaimed',
      'after',
      'durationMs',
    ]);
    expect((json.checks as Array<Record<string, unknown>>)[1]).toMatchObject({
      id: 'cli-plugins',
      status: 'fail',
      fix: { mode: 'fix', description: 'quarantine 1 invalid plugin' },
    });
  });

  it('the table shows each finding, the hint and what --fix would do', () => {
    const text = stripAnsi(renderDoctorResult(result));
    expect(text).toMatch(/FAIL\s+cli-plugins\s+1 invalid/);
    expect(text).toMatch(/hint: quarantine it/);
    expect(text).toMatch(/--fix: quarantine 1 invalid plugin/);
    expect(text).toMatch(/would do:\n\s+- \[cli-plugins\] quarantine 1 invalid plugin/);
  });
});
