// Metrics for machines without `imageforge serve`: node_exporter's textfile collector
// (`--collector.textfile.directory=DIR`) exports every `DIR/*.prom` file on each scrape. It may read
// while we write, so the file is written to a temporary name in the same directory (not ending in
// `.prom`, so the collector skips it) and renamed over the old one: a scrape sees the old or the new
// file, never half of one.
// https://github.com/prometheus/node_exporter#textfile-collector
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { ErrorCode } from '../errors/codes.js';
import { ImageforgeError } from '../errors/imageforge-error.js';
import type { RenderedMetrics } from './metrics-contract.js';

/** Writes `metrics` to `file` atomically (creating its directory), readable by the node_exporter user. */
export async function writeMetricsTextfile(file: string, metrics: RenderedMetrics): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, metrics.body, { mode: 0o644 });
  } catch (error: unknown) {
    throw new ImageforgeError(`cannot write metrics textfile ${file}: ${describe(error)}`, {
      code: ErrorCode.MetricsTextfileFailed,
      category: 'environment',
      hint: "point settings.metrics.textfile at a writable *.prom file in node_exporter's --collector.textfile.directory",
      cause: error,
      details: { file },
    });
  }
}

function describe(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
