// The `--json` documents of `imageforge plugins ls | clean | restore` (docs/doctor.md, "Plugin
// audit"). Stable: fields are only ever added.
import { pluginStatus, type PluginAudit } from './audit-cli-plugins.js';
import type { QuarantineListing, QuarantineResult, RestoreResult } from './plugin-quarantine.js';
import { statusCounts } from './plugins-text.js';

export function pluginAuditJson(audit: PluginAudit, quarantines: QuarantineListing[]) {
  const summary = statusCounts(audit);
  return {
    ok: summary.invalid === 0,
    summary,
    dirs: audit.dirs,
    plugins: audit.plugins.map((entry) => ({ status: pluginStatus(entry), ...entry })),
    warnings: audit.warnings,
    quarantines,
  };
}

export function quarantineJson(result: QuarantineResult, shadowed: number) {
  return {
    dryRun: result.dryRun,
    id: result.moved.length > 0 ? result.id : null,
    dir: result.moved.length > 0 ? result.dir : null,
    moved: result.moved,
    shadowedLeft: shadowed,
    restoreCommand:
      result.moved.length > 0 && !result.dryRun ? `imageforge plugins restore ${result.id}` : null,
  };
}

export function restoreJson(result: RestoreResult) {
  return { dryRun: result.dryRun, id: result.id, dir: result.dir, restored: result.restored };
}
