// report.yaml keeps the snake_case shape the Ansible role used to produce, so dashboards and scripts
// that read it keep working. Optional facts are written as null: consumers index keys unconditionally.
import { stringify } from 'yaml';
import type { ImageResult, Report } from './report-types.js';

interface YamlImageResult {
  built: boolean;
  status: ImageResult['status'];
  method: string | null;
  image_id: string | null;
  digest: string | null;
  tags: string[];
  duration_seconds: number;
  attempts: number;
  cache_hit_ratio: number;
  reason?: string;
  error?: string;
}

export function toYamlReport(report: Report): string {
  const document = {
    build_timestamp: report.startedAt,
    build_configuration: {
      config_file: report.configFile,
      profile: report.profile ?? null,
      push: report.options.push,
      parallel: report.options.parallel,
      builder: report.environment.builder ?? null,
      driver: report.environment.driver ?? null,
      engine_version: report.environment.engineVersion ?? null,
      buildx_version: report.environment.buildxVersion ?? null,
      git_commit: report.git.commit ?? null,
      git_branch: report.git.branch ?? null,
    },
    results: Object.fromEntries(report.images.map((image) => [image.name, toYamlImageResult(image)])),
    summary: {
      status: report.status,
      total: report.images.length,
      built: report.summary.built,
      failed: report.summary.failed,
      skipped: report.summary.skipped,
      cancelled: report.summary.cancelled,
      duration_seconds: toSeconds(report.durationMs),
      cache_hit_ratio: roundRatio(report.summary.cache.hitRatio),
    },
  };
  const header = `# imageforge run ${report.runId}: report.json holds the full, versioned report.\n`;
  return header + stringify(document, { lineWidth: 0 });
}

function toYamlImageResult(image: ImageResult): YamlImageResult {
  const result: YamlImageResult = {
    built: image.status === 'built',
    status: image.status,
    method: image.method ?? null,
    image_id: image.imageId ?? null,
    digest: image.digest ?? null,
    tags: image.tags,
    duration_seconds: toSeconds(image.durationMs),
    attempts: image.attempts.length,
    cache_hit_ratio: roundRatio(image.cache.hitRatio),
  };
  if (image.reason !== undefined) result.reason = image.reason;
  if (image.error !== undefined) result.error = image.error.message;
  return result;
}

function toSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

function roundRatio(ratio: number): number {
  return Math.round(ratio * 1000) / 1000;
}
