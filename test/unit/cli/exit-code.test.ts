// Exit codes of a finished run, table-driven: pipelines branch on them (README "Exit codes").
import { describe, expect, it } from 'vitest';
import { ExitCode, exitCodeForRun } from '../../../src/cli/exit-code.js';
import type { ClassifiedError } from '../../../src/run/classified-error.js';
import type { ImageResult } from '../../../src/report/report-types.js';
import { sampleImage, sampleReport } from '../report/sample-report.js';

const lost: ClassifiedError = {
  code: 'IMAGEFORGE_DAEMON_UNREACHABLE',
  kind: 'builder-unavailable',
  message: 'Cannot connect to the Docker daemon at unix:///run/docker.sock. Is the docker daemon running?',
};
const diskFull: ClassifiedError = {
  code: 'IMAGEFORGE_DISK_FULL',
  kind: 'deterministic',
  message: 'no space left on device: process "/bin/sh -c dd" did not complete successfully: exit code: 1',
};
const runFailed: ClassifiedError = {
  code: 'IMAGEFORGE_RUN_STEP_FAILED',
  kind: 'deterministic',
  message: 'RUN step failed with exit code 2: make',
};

const failed = (name: string, error: ClassifiedError, extra: Partial<ImageResult> = {}): ImageResult =>
  sampleImage(name, { status: 'failed', error, digest: undefined, imageId: undefined, ...extra });
const skipped = sampleImage('child', { status: 'skipped', reason: 'dependency failed: app', attempts: [] });

describe('exitCodeForRun', () => {
  it.each([
    ['every image built', [sampleImage('app')], ExitCode.Ok],
    ['a RUN step failed', [failed('app', runFailed)], ExitCode.Failed],
    ['the engine went away mid-run', [failed('a', lost), failed('b', lost), skipped], ExitCode.Environment],
    ['the disk filled up', [failed('app', diskFull), sampleImage('other')], ExitCode.Environment],
    [
      'the engine went away, and another image failed on its own',
      [failed('a', lost), failed('b', runFailed)],
      ExitCode.Failed,
    ],
    [
      'the engine went away, and a gate failed',
      [failed('a', lost), sampleImage('b', { gates: { status: 'failed' } })],
      ExitCode.Failed,
    ],
    [
      'a push failed',
      [sampleImage('a', { push: { status: 'failed', attempts: [], durationMs: 0 } })],
      ExitCode.Failed,
    ],
  ] as const)('%s → %i', (_name, images, code) => {
    const report = sampleReport({ images: [...images] });
    const status = images.some((image) => image.status === 'failed' || image.push.status === 'failed')
      ? 'failed'
      : 'succeeded';
    expect(exitCodeForRun({ report: { ...report, status }, cancelReason: undefined })).toBe(code);
  });

  it('an interrupt is 130, a run timeout is a failure', () => {
    const report = sampleReport({ status: 'cancelled' });
    expect(exitCodeForRun({ report, cancelReason: 'interrupt' })).toBe(ExitCode.Interrupted);
    expect(exitCodeForRun({ report, cancelReason: 'timeout' })).toBe(ExitCode.Failed);
  });
});
