// Host utilisation during a run: CPU from /proc/stat deltas, memory as `free` counts it, disk of the
// engine's data root; peaks and means over the samples.
import { describe, expect, it } from 'vitest';
import os from 'node:os';
import { cpuRatio, parseProcStat, startHostSampler, summarise } from '../../../src/host/host-sampler.js';

describe('host sampler', () => {
  it('reads the aggregate cpu line, counting iowait as idle', () => {
    const stat = 'cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\n';
    expect(parseProcStat(stat)).toEqual({ idle: 850, total: 1000 });
    expect(parseProcStat('nothing here')).toBeUndefined();
  });

  it('computes the busy share between two readings', () => {
    expect(cpuRatio({ idle: 850, total: 1000 }, { idle: 1100, total: 2000 })).toBeCloseTo(0.75);
    expect(cpuRatio({ idle: 1, total: 10 }, { idle: 1, total: 10 })).toBeUndefined();
  });

  it('summarises peak and mean', () => {
    const usage = summarise([
      { cpu: undefined, memory: 100, disk: { used: 10, total: 100 } },
      { cpu: 0.5, memory: 300, disk: { used: 30, total: 100 } },
      { cpu: 0.25, memory: 200, disk: undefined },
    ]);
    expect(usage).toMatchObject({
      samples: 3,
      cpuPeakRatio: 0.5,
      cpuMeanRatio: 0.375,
      memoryPeakBytes: 300,
      memoryMeanBytes: 200,
      diskPeakBytes: 30,
      diskMeanBytes: 20,
      diskTotalBytes: 100,
    });
  });

  it('samples this host for real', async () => {
    const sampler = startHostSampler({ intervalMs: 50, dataRoot: os.tmpdir() });
    await new Promise((resolve) => setTimeout(resolve, 60)); // the first reading lands before the work
    const until = Date.now() + 300;
    while (Date.now() < until) Math.sqrt(Math.random()); // keep a core busy
    await new Promise((resolve) => setTimeout(resolve, 120));
    const usage = await sampler.stop();
    expect(usage.samples).toBeGreaterThanOrEqual(2);
    expect(usage.memoryPeakBytes).toBeGreaterThan(0);
    expect(usage.memoryPeakBytes).toBeLessThanOrEqual(os.totalmem());
    expect(usage.diskTotalBytes).toBeGreaterThan(0);
    expect(usage.cpuPeakRatio).toBeGreaterThan(0);
  });
});
