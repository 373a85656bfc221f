// How builder state reads in a terminal: one table row per builder for `builder ls`, and the full
// picture (nodes, GC policy rules, managed engine) for `builder inspect`.
import { alignColumns } from '../shared/align-columns.js';
import { formatBytes, formatPolicyDuration } from '../cache/policy-text.js';
import type { GcPolicyRule } from './buildx-builder-list.js';
import { describeDrift } from './buildx-builders.js';
import type { BuilderStatus } from './builder-status.js';

export function builderTable(statuses: BuilderStatus[]): string {
  const rows = [['NAME', 'DRIVER', 'BUILDX NAME', 'STATUS', 'HEALTHY', 'BUILDKIT', 'PLATFORMS', 'ENGINE']];
  for (const status of statuses) {
    rows.push([
      status.name,
      status.driver,
      status.buildxName,
      status.status,
      status.healthy ? 'yes' : 'no',
      status.buildkitVersion ?? '-',
      status.platforms.join(',') || '-',
      status.managed?.running ? `pid ${status.managed.pid ?? '?'} ${status.managed.dockerHost}` : '-',
    ]);
  }
  return alignColumns(rows);
}

export function gcRuleText(rule: GcPolicyRule, index: number): string {
  const parts = [`rule ${index}:`, rule.all ? 'all records' : 'unshared records'];
  if (rule.filters.length > 0) parts.push(`filters ${rule.filters.join(',')}`);
  if (rule.keepDurationMs > 0) parts.push(`keep ${formatPolicyDuration(rule.keepDurationMs)}`);
  if (rule.reservedSpaceBytes > 0) parts.push(`reserved ${formatBytes(rule.reservedSpaceBytes)}`);
  if (rule.maxUsedSpaceBytes > 0) parts.push(`max used ${formatBytes(rule.maxUsedSpaceBytes)}`);
  if (rule.minFreeSpaceBytes > 0) parts.push(`min free ${formatBytes(rule.minFreeSpaceBytes)}`);
  return parts.join('  ');
}

export function builderDetails(status: BuilderStatus): string {
  const lines = [
    `Name:          ${status.name}`,
    `Driver:        ${status.driver}`,
    `Buildx name:   ${status.buildxName}`,
    `Status:        ${status.status}`,
    `Healthy:       ${status.healthy ? 'yes' : 'no'}`,
    `BuildKit:      ${status.buildkitVersion ?? '-'}`,
    `Platforms:     ${status.platforms.join(', ') || '-'}`,
  ];
  if (status.managed) {
    lines.push(
      `Engine:        ${status.managed.running ? `running, pid ${status.managed.pid ?? '?'}` : 'stopped'}${status.managed.rootless ? ' (rootless)' : ''}`,
      `Version:       ${status.managed.engineVersion ?? '-'}`,
      `Socket:        ${status.managed.dockerHost}`,
      `Data root:     ${status.managed.dataRoot}`,
      `Log:           ${status.managed.logFile}`,
    );
  }
  for (const node of status.nodes) {
    lines.push(`Node ${node.name}: ${node.endpoint} ${node.status}`);
    if (node.driverOpts && Object.keys(node.driverOpts).length > 0)
      lines.push(
        `  driver options: ${Object.entries(node.driverOpts)
          .map(([key, value]) => `${key}=${value}`)
          .join(' ')}`,
      );
    if (node.flags.length > 0) lines.push(`  buildkitd flags: ${node.flags.join(' ')}`);
  }
  lines.push('GC policy:');
  if (status.gcPolicy.length === 0) lines.push('  (none reported)');
  status.gcPolicy.forEach((rule, index) => lines.push(`  ${gcRuleText(rule, index)}`));
  if (status.drift.length > 0) {
    lines.push('Drift (run `imageforge builder create NAME --recreate`):');
    for (const drift of status.drift) lines.push(`  ${describeDrift(drift)}`);
  }
  return lines.join('\n');
}
