// The process seam against real child processes (no mocks): results, lines, timeouts, group kill.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { exec, isSuccess, tail } from '../../../src/exec/exec.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

describe('exec', () => {
  it('returns output and exit code without throwing on failure', async () => {
    const result = await exec('sh', ['-c', 'echo out; echo err >&2; exit 4']);
    expect(result).toMatchObject({
      exitCode: 4,
      stdout: 'out\n',
      stderr: 'err\n',
      timedOut: false,
      cancelled: false,
    });
    expect(isSuccess(result)).toBe(false);
  });

  it('streams complete lines as they arrive', async () => {
    const lines: string[] = [];
    await exec('sh', ['-c', 'printf "a\\nb"; sleep 0.05; printf "c\\nd"'], {
      onStdoutLine: (line) => lines.push(line),
    });
    expect(lines).toEqual(['a', 'bc', 'd']);
  });

  it('reports a command that cannot start as a spawn error', async () => {
    const result = await exec('definitely-not-a-command-imageforge', []);
    expect(result.spawnError).toMatch(/ENOENT/);
    expect(isSuccess(result)).toBe(false);
  });

  it('kills the whole process group on timeout, grandchildren included', async () => {
    const result = await exec('sh', ['-c', 'sleep 30 & echo $!; wait'], { timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    const grandchild = Number(result.stdout.trim());
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(grandchild)).toBe(false);
  });

  it('stops on abort and says it was cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await exec('sleep', ['30'], { signal: controller.signal });
    expect(result.cancelled).toBe(true);
    expect(result.durationMs).toBeLessThan(5000);
  });

  it('passes input and environment', async () => {
    const result = await exec('sh', ['-c', 'cat; echo $IMAGEFORGE_X'], {
      input: 'in\n',
      env: { IMAGEFORGE_X: 'x' },
    });
    expect(result.stdout).toBe('in\nx\n');
  });

  it('tail keeps the last lines', () => {
    expect(tail('1\n2\n3\n', 2)).toBe('2\n3');
  });
});
