import { describe, expect, it } from 'vitest';
import { renderMetrics } from '../../../src/metrics/render-metrics.js';
import { parseExposition, samplesOf } from './parse-exposition.js';
import { emptySnapshot, sampleLiveFacts, sampleSnapshot } from './sample-snapshot.js';

const rendered = renderMetrics(sampleSnapshot(), sampleLiveFacts());
const parsed = parseExposition(rendered.body);

describe('renderMetrics', () => {
  it('serves the Prometheus text format content type', () => {
    expect(rendered.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(rendered.body.endsWith('\n')).toBe(true);
  });

  it('declares every family with its type, even without series', () => {
    const empty = parseExposition(renderMetrics(emptySnapshot(), {}).body);

    expect(Object.fromEntries(empty.types)).toEqual({
      imageforge_build_duration_seconds: 'histogram',
      imageforge_builds_total: 'counter',
      imageforge_build_cache_hit_ratio: 'gauge',
      imageforge_build_steps_total: 'counter',
      imageforge_build_retries_total: 'counter',
      imageforge_scan_findings: 'gauge',
      imageforge_runs_total: 'counter',
      imageforge_last_run_timestamp_seconds: 'gauge',
      imageforge_last_run_success: 'gauge',
      imageforge_cache_bytes: 'gauge',
      imageforge_cache_limit_bytes: 'gauge',
      imageforge_builder_up: 'gauge',
    });
    expect([...empty.help.keys()]).toEqual([...empty.types.keys()]);
    expect([...empty.help.values()].every((help) => help.length > 10)).toBe(true);
  });

  it('writes histogram buckets cumulative, in ascending le, ending with +Inf = count', () => {
    const api = { image: 'api', builder: 'imageforge', method: 'buildkit', status: 'built' };
    const buckets = samplesOf(parsed, 'imageforge_build_duration_seconds_bucket').filter(
      (sample) => sample.labels.image === 'api',
    );

    expect(buckets.map((sample) => [sample.labels.le, sample.value])).toEqual([
      ['1', 0],
      ['5', 1],
      ['10', 2],
      ['30', 3],
      ['60', 4],
      ['+Inf', 4],
    ]);
    expect(buckets[0]?.labels).toEqual({ ...api, le: '1' });
    expect(samplesOf(parsed, 'imageforge_build_duration_seconds_sum')).toContainEqual({
      name: 'imageforge_build_duration_seconds_sum',
      labels: api,
      value: 95.5,
    });
    expect(samplesOf(parsed, 'imageforge_build_duration_seconds_count')).toContainEqual({
      name: 'imageforge_build_duration_seconds_count',
      labels: api,
      value: 4,
    });
  });

  it('sorts buckets the store returned out of order', () => {
    const [build] = sampleSnapshot().builds;
    if (!build) throw new Error('sample has builds');
    const shuffled = sampleSnapshot({ builds: [{ ...build, buckets: [...build.buckets].reverse() }] });
    const les = samplesOf(
      parseExposition(renderMetrics(shuffled, {}).body),
      'imageforge_build_duration_seconds_bucket',
    ).map((sample) => sample.labels.le);

    expect(les).toEqual(['1', '5', '10', '30', '60', '+Inf']);
  });

  it('counts builds per image, builder, method and status, with 0 for built/failed not seen yet', () => {
    const builds = samplesOf(parsed, 'imageforge_builds_total').map((sample) => [
      sample.labels.image,
      sample.labels.status,
      sample.value,
    ]);

    expect(builds).toEqual([
      ['api', 'built', 4],
      ['api', 'failed', 0],
      ['worker', 'built', 0],
      ['worker', 'failed', 2],
    ]);
  });

  it('exports steps by cached, retries, latest hit ratio and findings per image', () => {
    expect(samplesOf(parsed, 'imageforge_build_steps_total').map((s) => [s.labels, s.value])).toEqual([
      [{ image: 'api', cached: 'true' }, 20],
      [{ image: 'api', cached: 'false' }, 8],
      [{ image: 'worker', cached: 'false' }, 6],
    ]);
    expect(samplesOf(parsed, 'imageforge_build_retries_total').map((s) => [s.labels, s.value])).toEqual([
      [{ image: 'worker' }, 3],
    ]);
    expect(samplesOf(parsed, 'imageforge_build_cache_hit_ratio').map((s) => [s.labels, s.value])).toEqual([
      [{ image: 'api' }, 0.75],
      [{ image: 'worker' }, 0],
    ]);
    expect(samplesOf(parsed, 'imageforge_scan_findings').map((s) => [s.labels, s.value])).toEqual([
      [{ image: 'api', severity: 'CRITICAL' }, 1],
      [{ image: 'api', severity: 'HIGH' }, 4],
    ]);
  });

  it('exports runs per status (0 for statuses not seen) and the last run', () => {
    expect(samplesOf(parsed, 'imageforge_runs_total').map((s) => [s.labels.status, s.value])).toEqual([
      ['succeeded', 5],
      ['failed', 2],
      ['cancelled', 0],
    ]);
    expect(samplesOf(parsed, 'imageforge_last_run_timestamp_seconds')).toEqual([
      { name: 'imageforge_last_run_timestamp_seconds', labels: {}, value: 1_714_564_800 },
    ]);
    expect(samplesOf(parsed, 'imageforge_last_run_success')[0]?.value).toBe(0);

    const succeeded = sampleSnapshot({ lastRun: { timestampSeconds: 1, status: 'succeeded' } });
    const success = samplesOf(
      parseExposition(renderMetrics(succeeded, {}).body),
      'imageforge_last_run_success',
    );
    expect(success[0]?.value).toBe(1);
  });

  it('writes no last-run series before the first run', () => {
    const empty = parseExposition(renderMetrics(emptySnapshot(), {}).body);

    expect(samplesOf(empty, 'imageforge_last_run_timestamp_seconds')).toEqual([]);
    expect(samplesOf(empty, 'imageforge_last_run_success')).toEqual([]);
  });

  it('exports cache size, the limit only where one is configured, and builders up', () => {
    expect(samplesOf(parsed, 'imageforge_cache_bytes').map((s) => [s.labels.builder, s.value])).toEqual([
      ['imageforge', 3_221_225_472],
      ['remote', 1_000_000],
    ]);
    expect(samplesOf(parsed, 'imageforge_cache_limit_bytes').map((s) => [s.labels.builder, s.value])).toEqual(
      [['imageforge', 2_147_483_648]],
    );
    expect(samplesOf(parsed, 'imageforge_builder_up').map((s) => [s.labels.builder, s.value])).toEqual([
      ['imageforge', 1],
      ['remote', 0],
    ]);
  });

  it('uses only low-cardinality labels, never run ids or digests', () => {
    const allowed = new Set(['image', 'builder', 'method', 'status', 'cached', 'severity', 'le']);
    const labelNames = new Set(parsed.samples.flatMap((sample) => Object.keys(sample.labels)));

    expect([...labelNames].filter((name) => !allowed.has(name))).toEqual([]);
    expect(rendered.body).not.toMatch(/sha256:|run_id|runId/);
  });

  it('escapes label values so odd image names cannot break the format', () => {
    const odd = 'team\\"x"\nname';
    const text = renderMetrics(sampleSnapshot({ cacheHitRatio: [{ image: odd, ratio: 1 }] }), {}).body;

    expect(text).toContain('imageforge_build_cache_hit_ratio{image="team\\\\\\"x\\"\\nname"} 1\n');
    expect(samplesOf(parseExposition(text), 'imageforge_build_cache_hit_ratio')[0]?.labels.image).toBe(odd);
  });
});
