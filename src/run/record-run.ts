// After the report is assembled: the run goes into the history store (then retention applies), and
// the metrics computed from that history go to the textfile and the Pushgateway when configured.
// Failures here never fail a build; they come back as warnings.
import type { ResolvedConfig } from '../config/types.js';
import type { HistoryStore, HostUsage } from '../history/history-store.js';
import type { Report } from '../report/report-types.js';
import { isImageforgeError } from '../errors/imageforge-error.js';

export interface RecordRunOptions {
  config: ResolvedConfig;
  report: Report;
  host: HostUsage;
  redact: (text: string) => string;
}

export async function recordRun(options: RecordRunOptions): Promise<string[]> {
  const { history, metrics } = options.config.settings;
  if (!history.enabled) return [];
  const warnings: string[] = [];
  const warn = (what: string, error: unknown): void => {
    const message = isImageforgeError(error) || error instanceof Error ? error.message : String(error);
    warnings.push(options.redact(`${what}: ${message}`));
  };
  const { openHistoryStore } = await import('../history/open-history.js');
  let store;
  try {
    store = await openHistoryStore({ url: history.url, projectDir: options.config.projectDir });
  } catch (error: unknown) {
    warn('history not recorded', error);
    return warnings;
  }
  try {
    await store.recordRun({ report: options.report, host: options.host });
    await store.prune(history.retention);
    if (metrics.textfile !== undefined || metrics.pushgateway !== undefined) {
      await exportMetrics(options, store, warn);
    }
  } catch (error: unknown) {
    warn('history not recorded', error);
  } finally {
    await store.close();
  }
  return warnings;
}

async function exportMetrics(
  options: RecordRunOptions,
  store: HistoryStore,
  warn: (what: string, error: unknown) => void,
): Promise<void> {
  const { metrics } = options.config.settings;
  const [{ collectMetrics }, { writeMetricsTextfile }, { pushMetrics }] = await Promise.all([
    import('../metrics/render-metrics.js'),
    import('../metrics/metrics-textfile.js'),
    import('../metrics/push-metrics.js'),
  ]);
  // the run's own builder evidently answered; cache sizes come from `imageforge serve` (live)
  const rendered = await collectMetrics(store, {
    builders: [{ builder: options.report.environment.builder ?? 'default', up: true }],
  });
  if (metrics.textfile !== undefined) {
    await writeMetricsTextfile(metrics.textfile, rendered).catch((error: unknown) =>
      warn('metrics textfile not written', error),
    );
  }
  if (metrics.pushgateway !== undefined) {
    await pushMetrics({
      url: metrics.pushgateway,
      job: metrics.job,
      grouping: { instance: options.host.hostname },
      metrics: rendered,
    }).catch((error: unknown) => warn('metrics not pushed', error));
  }
}
