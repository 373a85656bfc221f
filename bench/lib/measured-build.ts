// One timed `imageforge build --json` run for the cache section: the wall time, the report's cache
// figures, the registry traffic the run caused (counting proxy) and the size of the images it built.
import { exec, isSuccess, tail } from '../../src/exec/exec.js';
import { cacheRunFigures, parseReport, type CacheSample } from './cache-figures.js';
import { trafficBetween, type RegistryTrafficProxy } from './registry-traffic-proxy.js';
import { summarizeFailureOutput } from './timing.js';

export interface MeasuredBuildOptions {
  round: number;
  /** Arguments after `node`, e.g. `['bin/imageforge.js', 'build', '--json', ...]`. */
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  timeoutMs: number;
  proxy: RegistryTrafficProxy;
  /** Images the run must leave in the engine's store; their sizes are summed. */
  imageRefs: readonly string[];
}

export async function runMeasuredBuild(options: MeasuredBuildOptions): Promise<CacheSample> {
  const before = options.proxy.snapshot();
  const result = await exec('node', options.args, {
    cwd: options.cwd,
    env: options.env,
    timeoutMs: options.timeoutMs,
  });
  const registry = trafficBetween(before, options.proxy.snapshot());
  const sample: CacheSample = {
    round: options.round,
    durationMs: Math.round(result.durationMs),
    ok: isSuccess(result),
    exitCode: result.exitCode,
    timedOut: result.timedOut,
  };
  const fail = (error: string): CacheSample => ({
    ...sample,
    ok: false,
    error,
    outputTail: tail(`${result.stdout.slice(-4000)}\n${result.stderr}`.trim(), 20),
  });
  if (!sample.ok) {
    const why = result.timedOut
      ? `timed out after ${options.timeoutMs}ms`
      : `exit ${result.exitCode ?? result.signal ?? '?'}: ${summarizeFailureOutput(result.stderr)}`;
    return fail(why);
  }
  const parsed = parseReport(result.stdout);
  if ('error' in parsed) return fail(parsed.error);
  const sizes = await imageSizes(options.imageRefs, options.env);
  if (typeof sizes === 'string') return fail(`verification: ${sizes}`);
  return { ...sample, cache: cacheRunFigures(parsed.report, registry, sizes) };
}

/** Sum of `docker image inspect --format {{.Size}}`, or which images are missing. */
export async function imageSizes(
  imageRefs: readonly string[],
  env: Record<string, string | undefined>,
): Promise<number | string> {
  let total = 0;
  const missing: string[] = [];
  for (const ref of imageRefs) {
    const inspect = await exec('docker', ['image', 'inspect', '--format', '{{.Size}}', ref], {
      env,
      timeoutMs: 20_000,
    });
    const size = Number(inspect.stdout.trim());
    if (!isSuccess(inspect) || !Number.isFinite(size)) missing.push(ref);
    else total += size;
  }
  return missing.length === 0 ? total : `missing images: ${missing.join(', ')}`;
}
