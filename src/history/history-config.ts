// `settings.history` and `settings.metrics` resolved: where runs are recorded, how long they are
// kept, and where metrics go after each run.
import path from 'node:path';

export interface HistorySettings {
  enabled: boolean;
  /** `sqlite:<path>` / a file path (default <project>/.imageforge/history.db) or `postgres://…`. */
  url: string;
  retention: { maxAgeMs: number | undefined; maxRuns: number | undefined };
}

export interface MetricsSettings {
  /** node_exporter textfile collector file (written atomically after each run). */
  textfile: string | undefined;
  /** Pushgateway base URL (pushed after each run). */
  pushgateway: string | undefined;
  job: string;
}

const DAY_MS = 86_400_000;

export function resolveHistorySettings(
  history:
    { enabled?: boolean; url?: string; retention?: { maxAgeMs?: number; maxRuns?: number } } | undefined,
  projectDir: string,
): HistorySettings {
  return {
    enabled: history?.enabled ?? true,
    url: history?.url ?? path.join(projectDir, '.imageforge', 'history.db'),
    retention: {
      maxAgeMs: history?.retention?.maxAgeMs ?? 90 * DAY_MS,
      maxRuns: history?.retention?.maxRuns ?? 100_000,
    },
  };
}

export function resolveMetricsSettings(
  metrics: { textfile?: string; pushgateway?: string; job?: string } | undefined,
  projectDir: string,
): MetricsSettings {
  return {
    textfile: metrics?.textfile === undefined ? undefined : path.resolve(projectDir, metrics.textfile),
    pushgateway: metrics?.pushgateway,
    job: metrics?.job ?? 'imageforge',
  };
}

/** postgres:// URLs stay as written; `sqlite:<path>` and plain paths resolve against the project. */
export function resolveHistoryUrl(url: string, projectDir: string): string {
  if (/^postgres(ql)?:\/\//.test(url)) return url;
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  return path.resolve(projectDir, file);
}
