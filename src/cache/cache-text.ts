// Human renderings of cache governance results for the CLI: aligned tables on stdout, figures in
// docker's decimal units with the exact byte count where totals are given.
import { lastUsedMs } from './build-cache-entry.js';
import { AGE_BUCKETS, type CacheUsage, type UsageGroup } from './cache-usage.js';
import type { PruneBuildCacheRunResult } from './prune-build-cache.js';
import type { CleanRegistryCacheResult } from './clean-registry-cache.js';
import { formatAge, formatBytes } from './policy-text.js';

export function renderTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function renderCacheUsage(usage: CacheUsage): string {
  const groupRow = (name: string, group: UsageGroup) => [
    name,
    String(group.count),
    formatBytes(group.bytes),
    formatBytes(group.reclaimableBytes),
  ];
  const types = Object.entries(usage.byType).sort(([, a], [, b]) => b.bytes - a.bytes);
  const header = ['', 'ENTRIES', 'SIZE', 'RECLAIMABLE'];
  return [
    renderTable([['TYPE', ...header.slice(1)], ...types.map(([name, group]) => groupRow(name, group))]),
    '',
    renderTable([
      ['LAST USED', ...header.slice(1)],
      ...AGE_BUCKETS.map((bucket) => groupRow(bucket.name, usage.byAge[bucket.name])),
    ]),
    '',
    `total ${formatBytes(usage.totalBytes)} (${usage.totalBytes} bytes) in ${usage.count} entries; ` +
      `reclaimable ${formatBytes(usage.reclaimableBytes)} (${usage.reclaimableBytes} bytes)`,
    '',
  ].join('\n');
}

export function renderPruneResult(result: PruneBuildCacheRunResult, now: Date): string {
  const rows = result.pruned.map(({ entry, why }) => [
    entry.id,
    entry.type,
    formatBytes(entry.sizeBytes),
    `${formatAge(now.getTime() - lastUsedMs(entry))} ago`,
    why,
  ]);
  const lines: string[] = [];
  if (rows.length > 0) lines.push(renderTable([['ID', 'TYPE', 'SIZE', 'LAST USED', 'WHY'], ...rows]), '');
  for (const note of result.plan.notes) lines.push(`note: ${note}`);
  const planned = `${formatBytes(result.bytesPlanned)} (${result.bytesPlanned} bytes)`;
  if (result.dryRun) {
    lines.push(`dry run: would remove ${rows.length} entries, ${planned}; nothing was deleted`);
  } else {
    lines.push(
      `removed ${rows.length - result.notDeleted.length} entries: planned ${planned}, reclaimed ` +
        `${formatBytes(result.bytesReclaimed)} (${result.bytesReclaimed} bytes)`,
    );
    if (result.notDeleted.length > 0)
      lines.push(`not deleted by the engine: ${result.notDeleted.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderRegistryCleanup(result: CleanRegistryCacheResult): string {
  const rows = result.decisions.map(({ tag, action, why }) => [
    `${tag.repository}:${tag.tag}`,
    action === 'delete' ? (result.dryRun ? 'would delete' : 'deleted') : 'keep',
    tag.createdAt ? tag.createdAt.toISOString() : '-',
    why,
  ]);
  const lines = [renderTable([['TAG', 'ACTION', 'CACHE CREATED', 'WHY'], ...rows]), ''];
  if (!result.branchesKnown) lines.push('note: git branches unknown: only the age rule applied');
  lines.push(
    `${result.prefix}: ${result.dryRun ? 'would delete' : 'deleted'} ${result.deleted.length} of ${result.decisions.length} tags`,
  );
  return `${lines.join('\n')}\n`;
}
