import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectFor, measuredImageforge } from '../../../bench/lib/imageforge-competitor.js';
import {
  collectRunFigures,
  formatTimings,
  medianTimings,
  parseProcessUsage,
  parseReportFigures,
  summarizeFigures,
  USAGE_FILE_ENV,
  USAGE_PRELOAD_ARGS,
} from '../../../bench/lib/run-figures.js';
import type { RunFigures, Sample } from '../../../bench/lib/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const run = promisify(execFile);

const sample = (round: number, durationMs: number, figures?: RunFigures, ok = true): Sample => ({
  round,
  durationMs,
  ok,
  exitCode: ok ? 0 : 1,
  timedOut: false,
  ...(figures ? { figures } : {}),
});

describe('process-usage-preload.mjs', () => {
  it('writes the node process’s own CPU time and peak RSS at exit, without changing its exit code', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'usage-'));
    const file = path.join(directory, 'usage.json');
    try {
      // ~50 MB of live memory and some CPU, then a non-zero exit through process.exitCode
      const script =
        'const keep = Buffer.alloc(50e6, 1); let x = 0; for (let i = 0; i < 2e7; i++) x += i;' +
        ' process.exitCode = keep[0] + 2;';
      const outcome = await run('node', [...USAGE_PRELOAD_ARGS, '-e', script], {
        cwd: ROOT,
        env: { ...process.env, [USAGE_FILE_ENV]: file },
      }).catch((error: unknown) => error as { code: number });
      expect((outcome as { code?: number }).code).toBe(3);
      const figures = parseProcessUsage(await readFile(file, 'utf8'));
      expect(figures?.cpuMs).toBeGreaterThan(5);
      expect(figures?.maxRssBytes).toBeGreaterThan(50e6);
      expect(figures?.maxRssBytes).toBeLessThan(1e9);
      expect(figures?.childrenCpuMs).toBe(0);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 30_000);

  it('stays out of the way when the variable is unset', async () => {
    const { stdout } = await run('node', [...USAGE_PRELOAD_ARGS, '-e', 'console.log("ran")'], {
      cwd: ROOT,
      env: { ...process.env, [USAGE_FILE_ENV]: '' },
    });
    expect(stdout.trim()).toBe('ran');
  });
});

describe('parseProcessUsage / parseReportFigures', () => {
  it('converts the preload’s micros and kilobytes', () => {
    const text = JSON.stringify({
      userCpuMicros: 400_000,
      systemCpuMicros: 100_000,
      maxRssKilobytes: 120_000,
      childrenCpuMicros: 2_090_000,
    });
    expect(parseProcessUsage(text)).toEqual({ cpuMs: 500, maxRssBytes: 122_880_000, childrenCpuMs: 2090 });
  });

  it.each([
    '',
    'not json',
    '{"userCpuMicros": 1}',
    '{"userCpuMicros":-1,"systemCpuMicros":1,"maxRssKilobytes":1}',
  ])('rejects %j', (text) => {
    expect(parseProcessUsage(text)).toBeUndefined();
  });

  it('reads counts and phase timings from report.json', () => {
    const report = {
      summary: { built: 1, upToDate: 11, failed: 0 },
      timings: { planMs: 20, buildMs: 2464, weird: 'x' },
    };
    expect(parseReportFigures(JSON.stringify(report))).toEqual({
      built: 1,
      upToDate: 11,
      timings: { planMs: 20, buildMs: 2464 },
    });
    expect(parseReportFigures('{"images": []}')).toBeUndefined();
  });
});

describe('collectRunFigures and the measured imageforge competitor', () => {
  it('puts the preload before the CLI and reads both files after a run, deleting the usage file', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'figures-'));
    try {
      const measured = measuredImageforge({
        id: 'imageforge-force',
        label: 'imageforge --force',
        root: directory,
        configFile: 'set/imageforge.yaml',
        workDir: directory,
        extraArgs: ['--force'],
        env: { TAG: 'bench-imageforge' },
      });
      expect(measured.competitor.args).toEqual([
        '--import',
        './bench/lib/process-usage-preload.mjs',
        'bin/imageforge.js',
        'build',
        '-f',
        'set/imageforge.yaml',
        '--progress',
        'quiet',
        '--force',
      ]);
      expect(measured.competitor.env).toEqual({
        TAG: 'bench-imageforge',
        [USAGE_FILE_ENV]: path.join(directory, 'usage-imageforge-force.json'),
      });
      expect(measured.files.reportFile).toBe(
        path.join(directory, 'set', '.imageforge', 'runs', 'latest', 'report.json'),
      );

      await writeFile(
        measured.files.usageFile,
        JSON.stringify({ userCpuMicros: 1000, systemCpuMicros: 0, maxRssKilobytes: 1 }),
      );
      await rm(path.dirname(measured.files.reportFile), { recursive: true, force: true });
      const collect = collectFor([measured]);
      expect(await collect(measured.competitor)).toEqual({ cpuMs: 1, maxRssBytes: 1024 });
      await expect(stat(measured.files.usageFile)).rejects.toThrow();
      // a second read finds nothing: a later run that crashed cannot reuse these figures
      expect(await collectRunFigures(measured.files)).toBeUndefined();
      expect(await collect({ ...measured.competitor, id: 'bake' })).toBeUndefined();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('summarizeFigures', () => {
  it('takes medians over measured successful runs and computes the shares per run', () => {
    const figures = (cpuMs: number, rss: number, buildMs: number, built = 50): RunFigures => ({
      cpuMs,
      maxRssBytes: rss,
      childrenCpuMs: 2000,
      timings: { buildMs },
      built,
      upToDate: 0,
    });
    const samples = [
      sample(0, 99_000, figures(9000, 999e6, 1)), // priming: ignored
      sample(1, 50_000, figures(1500, 130e6, 40_000)),
      sample(2, 40_000, figures(1600, 140e6, 38_000)),
      sample(3, 60_000, figures(1400, 120e6, 45_000)),
      sample(4, 10_000, figures(100, 500e6, 1), false), // failed: ignored
    ];
    const summary = summarizeFigures(samples);
    expect(summary.runs).toBe(3);
    expect(summary.wallMs).toBe(50_000);
    expect(summary.cpuMs).toBe(1500);
    expect(summary.maxRssBytesMedian).toBe(130e6);
    expect(summary.maxRssBytesMax).toBe(140e6);
    // per run: 1500/50000 = 0.03, 1600/40000 = 0.04, 1400/60000 ≈ 0.0233
    expect(summary.cpuShare).toBeCloseTo(0.03);
    // per run: 10000/50000 = 0.2, 2000/40000 = 0.05, 15000/60000 = 0.25
    expect(summary.outsideBuildShare).toBeCloseTo(0.2);
    expect(summary.counts).toBe('50/0');
  });

  it('lists disagreeing counts and stays empty without figures', () => {
    const summary = summarizeFigures([
      sample(1, 3000, { built: 1, upToDate: 11 }),
      sample(2, 3000, { built: 12, upToDate: 0 }),
    ]);
    expect(summary.counts).toBe('1/11, 12/0');
    expect(summary.cpuShare).toBeUndefined();
    expect(summarizeFigures([sample(1, 3000)])).toMatchObject({
      runs: 0,
      wallMs: undefined,
      counts: undefined,
    });
  });
});

describe('medianTimings', () => {
  it('gives each phase’s median and what no phase accounts for', () => {
    const timings = medianTimings([
      sample(1, 3000, { timings: { planMs: 10, buildMs: 2000 } }),
      sample(2, 4000, { timings: { planMs: 30, buildMs: 2500 } }),
      sample(3, 3500, { timings: { planMs: 20, buildMs: 2200 } }),
    ]);
    // other per run: 990, 1470, 1280
    expect(timings).toEqual({ planMs: 20, buildMs: 2200, otherMs: 1280 });
    expect(formatTimings(timings)).toBe('plan 0.02 s, build 2.20 s, other 1.28 s');
    expect(formatTimings({})).toBe('—');
  });
});
