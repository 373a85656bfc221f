import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYamlReport } from '../../../src/report/yaml-report.js';
import { sampleImage, sampleReport } from './sample-report.js';

function parsed(text: string): Record<string, Record<string, unknown>> {
  return parse(text) as Record<string, Record<string, unknown>>;
}

describe('toYamlReport', () => {
  it('keeps the Ansible role layout: timestamp, configuration, results by image, summary', () => {
    const yaml = parsed(toYamlReport(sampleReport()));

    expect(yaml['build_timestamp']).toBe('2024-05-01T12:00:00.000Z');
    expect(yaml['build_configuration']).toEqual({
      config_file: 'imageforge.yaml',
      profile: 'ci',
      push: false,
      parallel: 2,
      builder: 'imageforge',
      driver: 'docker-container',
      engine_version: '27.3.1',
      buildx_version: '0.19.2',
      git_commit: '0a1b2c3d4e5f',
      git_branch: 'main',
    });
    expect(Object.keys(yaml['results'] ?? {})).toEqual(['base', 'controller', 'agent', 'agent-x']);
    expect(yaml['summary']).toEqual({
      status: 'failed',
      total: 4,
      built: 2,
      failed: 1,
      skipped: 1,
      cancelled: 0,
      duration_seconds: 25.4,
      cache_hit_ratio: 0.611,
    });
  });

  it('describes each image with snake_case fields, seconds and attempt counts', () => {
    const results = parsed(toYamlReport(sampleReport()))['results'] ?? {};

    expect(results['controller']).toEqual({
      built: true,
      status: 'built',
      method: 'buildkit',
      image_id: `sha256:${'a'.repeat(64)}`,
      digest: `sha256:${'0123456789ab'.padEnd(64, 'f')}`,
      tags: ['registry.example.com/controller:1.0'],
      duration_seconds: 12.3,
      attempts: 1,
      cache_hit_ratio: 0.429,
    });
    expect(results['agent']).toMatchObject({
      built: false,
      status: 'failed',
      image_id: null,
      digest: null,
      attempts: 2,
      error: 'RUN make exited with code 2',
    });
    expect(results['agent-x']).toMatchObject({
      built: false,
      status: 'skipped',
      method: null,
      reason: 'dependency failed: agent',
    });
  });

  it('writes missing optional configuration as null rather than leaving keys out', () => {
    const report = sampleReport({ profile: undefined, git: {}, images: [sampleImage('base')] });
    const configuration = parsed(toYamlReport(report))['build_configuration'];

    expect(configuration).toMatchObject({ profile: null, git_commit: null, git_branch: null });
  });

  it('keeps long error messages on one line', () => {
    const message = `RUN failed: ${'x'.repeat(200)}`;
    const report = sampleReport({
      images: [sampleImage('a', { status: 'failed', error: { code: 'C', kind: 'deterministic', message } })],
    });
    const text = toYamlReport(report);

    expect(text.split('\n').find((line) => line.includes('RUN failed'))).toContain('x'.repeat(200));
  });
});
