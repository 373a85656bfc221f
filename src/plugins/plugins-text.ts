// How the plugin audit and the quarantine read in a terminal: a table of every candidate with its
// status, then what to do about it; quarantine and restore say what moved where and how to undo it.
import { alignColumns } from '../shared/align-columns.js';
import { pluginStatus, type PluginAudit } from './audit-cli-plugins.js';
import type { QuarantineListing, QuarantineResult, RestoreResult } from './plugin-quarantine.js';

export function pluginTable(audit: PluginAudit): string {
  const rows = [['NAME', 'STATUS', 'VERSION', 'PATH', 'PROBLEM']];
  for (const entry of audit.plugins) {
    rows.push([entry.name, pluginStatus(entry), entry.version ?? '-', entry.path, entry.message ?? '']);
  }
  return alignColumns(rows);
}

export function pluginAuditText(audit: PluginAudit, quarantines: QuarantineListing[]): string {
  const counts = statusCounts(audit);
  const lines = audit.plugins.length > 0 ? [pluginTable(audit), ''] : ['no docker CLI plugins found', ''];
  lines.push(
    `${audit.plugins.length} plugin${audit.plugins.length === 1 ? '' : 's'}: ` +
      `${counts.ok} ok, ${counts.invalid} invalid, ${counts.shadowed} shadowed`,
  );
  const searched = audit.dirs.map(
    (dir) => `${dir.path}${dir.sameAs ? ` (same as ${dir.sameAs})` : dir.exists ? '' : ' (missing)'}`,
  );
  lines.push(`searched, first wins: ${searched.join(', ')}`);
  if (counts.invalid > 0)
    lines.push('`imageforge plugins clean` moves the invalid ones into a quarantine (reversible)');
  if (counts.shadowed > 0)
    lines.push('shadowed copies are never used by docker; remove them or the copy that shadows them');
  const latest = quarantines.at(-1);
  if (latest)
    lines.push(
      `${quarantines.length} quarantine${quarantines.length === 1 ? '' : 's'} kept; ` +
        `\`imageforge plugins restore\` puts back the latest (${latest.id}, ${latest.entries.length} entries)`,
    );
  return `${lines.join('\n')}\n`;
}

export function quarantineText(result: QuarantineResult, shadowed: number): string {
  const lines: string[] = [];
  if (result.moved.length === 0) {
    lines.push('no invalid plugins: nothing to quarantine');
  } else {
    const count = `${result.moved.length} invalid plugin${result.moved.length === 1 ? '' : 's'}`;
    lines.push(result.dryRun ? `would quarantine ${count} into ${result.dir}:` : `quarantined ${count}:`);
    for (const move of result.moved) lines.push(`  ${move.from} -> ${move.to}  (${move.problem})`);
    if (!result.dryRun) lines.push(`restore with: imageforge plugins restore ${result.id}`);
  }
  if (shadowed > 0)
    lines.push(`${shadowed} shadowed duplicate${shadowed === 1 ? '' : 's'} left in place (a warning only)`);
  return `${lines.join('\n')}\n`;
}

export function restoreText(result: RestoreResult): string {
  const verb = result.dryRun ? 'would restore' : 'restored';
  const lines = [`${verb} quarantine ${result.id} (${result.restored.length} entries):`];
  for (const move of result.restored) lines.push(`  ${move.from} -> ${move.to}`);
  return `${lines.join('\n')}\n`;
}

export function statusCounts(audit: PluginAudit): { ok: number; invalid: number; shadowed: number } {
  const counts = { ok: 0, invalid: 0, shadowed: 0 };
  for (const entry of audit.plugins) counts[pluginStatus(entry)]++;
  return counts;
}
