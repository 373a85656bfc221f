// The shared wording of check messages: limits as configured, elapsed times, excerpts of output.
import { describe, expect, it } from 'vitest';
import {
  excerpt,
  excerptStart,
  formatElapsed,
  formatLimit,
  formatPattern,
  plural,
} from '../../../src/gates/functional/check-messages.js';
import { exposedTcpPorts } from '../../../src/gates/functional/run-service.js';
import { describeExit } from '../../../src/gates/functional/wait-strategies/wait-for-readiness.js';
import { containerLabels } from '../../../src/gates/functional/container-labels.js';
import { parseContainerState } from '../../../src/docker/container-client.js';

describe('limits and times', () => {
  it.each([
    [500, '500ms'],
    [2000, '2s'],
    [30_000, '30s'],
    [1500, '1.5s'],
    [300_000, '5m'],
    [90_000, '90s'],
  ])('formatLimit(%i) = %s', (ms, text) => {
    expect(formatLimit(ms)).toBe(text);
  });

  it('formats elapsed time with a tenth of a second', () => {
    expect(formatElapsed(412)).toBe('0.4s');
    expect(formatElapsed(3140)).toBe('3.1s');
  });

  it('pluralises attempts', () => {
    expect(plural(1, 'attempt')).toBe('1 attempt');
    expect(plural(3, 'attempt')).toBe('3 attempts');
  });
});

describe('excerpts', () => {
  it('quotes output on one line, keeping the end of long output', () => {
    expect(excerpt('line one\nline two\n')).toBe('"line one ⏎ line two"');
    expect(excerpt('abcdefghij', 4)).toBe('"…ghij"');
    expect(excerptStart('abcdefghij', 4)).toBe('"abcd…"');
    expect(formatPattern('Jenkins is fully up')).toBe('/Jenkins is fully up/');
  });
});

describe('container state', () => {
  // Recorded from Docker 28.5 (a HEALTHCHECK that failed twice, port 8080 published); probe output added
  const RUNNING = {
    State: {
      Status: 'running',
      Running: true,
      OOMKilled: false,
      ExitCode: 0,
      Error: '',
      StartedAt: '2026-11-21T14:01:13.650910747Z',
      FinishedAt: '0001-01-01T00:00:00Z',
      Health: {
        Status: 'unhealthy',
        FailingStreak: 2,
        Log: [
          { ExitCode: 1, Output: '' },
          { ExitCode: 1, Output: 'wget: server returned error: 404' },
        ],
      },
    },
    NetworkSettings: { Ports: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '32780' }], '53/udp': null } },
  };

  it('parses state, health and published TCP ports', () => {
    expect(parseContainerState(RUNNING)).toEqual({
      status: 'running',
      running: true,
      exitCode: 0,
      oomKilled: false,
      error: '',
      startedAt: Date.parse('2026-11-21T14:01:13.650910747Z'),
      finishedAt: undefined,
      health: 'unhealthy',
      healthOutput: 'wget: server returned error: 404',
      ports: { 8080: 32780 },
    });
  });

  it('describes an exit with the engine-measured run time', () => {
    const exited = parseContainerState({
      State: {
        Status: 'exited',
        Running: false,
        ExitCode: 3,
        StartedAt: '2026-11-21T14:01:13.600Z',
        FinishedAt: '2026-11-21T14:01:14.000Z',
      },
    });
    expect(describeExit(exited, 0)).toBe('container exited with code 3 after 0.4s');
    expect(describeExit({ ...exited, oomKilled: true }, 0)).toBe(
      'container exited with code 3 (killed: out of memory) after 0.4s',
    );
  });

  it('publishes the exposed TCP ports by default', () => {
    expect(exposedTcpPorts(['8080/tcp', '50000/tcp', '53/udp'])).toEqual([8080, 50000]);
  });

  it('labels containers with the run and the session', () => {
    expect(containerLabels('run-1', 'abc')).toEqual({
      'io.imageforge.test': 'true',
      'io.imageforge.run': 'run-1',
      'io.imageforge.session': 'abc',
    });
  });
});
