// Samples the build host while a run builds (CPU, memory, disk of the engine's data root), so history
// can show peak and mean utilisation against a "< 70% peak" target. Linux /proc and statfs only.
import { readFile, statfs } from 'node:fs/promises';
import os from 'node:os';
import type { HostUsage } from '../history/history-store.js';

export interface HostSamplerOptions {
  intervalMs?: number;
  /** The engine's data root (docker info DockerRootDir); disk is not sampled without it. */
  dataRoot?: string | undefined;
}

export interface HostSampler {
  /** Stops sampling and summarises (one last sample is taken). */
  stop(): Promise<HostUsage>;
}

interface CpuTimes {
  idle: number;
  total: number;
}

interface Sample {
  cpu: number | undefined;
  memory: number;
  disk: { used: number; total: number } | undefined;
}

export function startHostSampler(options: HostSamplerOptions = {}): HostSampler {
  const samples: Sample[] = [];
  let previous: CpuTimes | undefined;
  let pending: Promise<void> = Promise.resolve();
  const take = (): void => {
    pending = pending.then(async () => {
      const cpu = await readCpuTimes();
      const ratio = previous && cpu ? cpuRatio(previous, cpu) : undefined;
      if (cpu) previous = cpu;
      samples.push({ cpu: ratio, memory: await usedMemory(), disk: await diskUsage(options.dataRoot) });
    });
  };
  take();
  const timer = setInterval(take, options.intervalMs ?? 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      take();
      await pending;
      return summarise(samples);
    },
  };
}

export function summarise(samples: Sample[]): HostUsage {
  const cpu = samples.flatMap((sample) => (sample.cpu === undefined ? [] : [sample.cpu]));
  const memory = samples.map((sample) => sample.memory);
  const disk = samples.flatMap((sample) => (sample.disk ? [sample.disk] : []));
  return {
    hostname: os.hostname(),
    samples: samples.length,
    cpuPeakRatio: round(Math.max(0, ...cpu)),
    cpuMeanRatio: round(mean(cpu)),
    memoryPeakBytes: Math.max(0, ...memory),
    memoryMeanBytes: Math.round(mean(memory)),
    memoryTotalBytes: os.totalmem(),
    diskPeakBytes: disk.length === 0 ? undefined : Math.max(...disk.map((item) => item.used)),
    diskMeanBytes: disk.length === 0 ? undefined : Math.round(mean(disk.map((item) => item.used))),
    diskTotalBytes: disk.at(-1)?.total,
  };
}

/** Busy share of all cores between two /proc/stat readings. */
export function cpuRatio(before: CpuTimes, after: CpuTimes): number | undefined {
  const total = after.total - before.total;
  if (total <= 0) return undefined;
  return Math.min(1, Math.max(0, 1 - (after.idle - before.idle) / total));
}

/** The aggregate `cpu` line of /proc/stat: idle = idle + iowait. */
export function parseProcStat(text: string): CpuTimes | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith('cpu '));
  if (line === undefined) return undefined;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  if (values.length < 4 || values.some((value) => !Number.isFinite(value))) return undefined;
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { idle, total: values.reduce((sum, value) => sum + value, 0) };
}

async function readCpuTimes(): Promise<CpuTimes | undefined> {
  return parseProcStat(await readFile('/proc/stat', 'utf8').catch(() => ''));
}

/** MemTotal - MemAvailable, as `free` reports "used"; falls back to os.freemem. */
async function usedMemory(): Promise<number> {
  const text = await readFile('/proc/meminfo', 'utf8').catch(() => '');
  const field = (name: string): number | undefined => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : undefined;
  };
  const total = field('MemTotal');
  const available = field('MemAvailable');
  return total !== undefined && available !== undefined ? total - available : os.totalmem() - os.freemem();
}

async function diskUsage(dataRoot: string | undefined): Promise<Sample['disk']> {
  if (dataRoot === undefined || dataRoot === '') return undefined;
  try {
    const stats = await statfs(dataRoot);
    const total = stats.blocks * stats.bsize;
    return { used: total - stats.bfree * stats.bsize, total };
  } catch {
    return undefined; // a remote engine's data root is not on this host
  }
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
