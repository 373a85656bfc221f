// Applies the repairs a mode selected, one after the other (a repair may restart what the next one
// needs), recording each as applied or failed; --dry-run only lists them.
import type { Repair } from './doctor-types.js';

export interface PlannedRepair {
  /** The check (or source) the repair comes from. */
  check: string;
  repair: Repair;
}

export interface RepairRecord {
  check: string;
  mode: Repair['mode'];
  description: string;
  status: 'planned' | 'applied' | 'failed' | 'declined';
  summary?: string;
  error?: string;
  bytesReclaimed?: number;
  details?: Record<string, unknown>;
}

export async function applyRepairs(planned: PlannedRepair[], dryRun: boolean): Promise<RepairRecord[]> {
  const records: RepairRecord[] = [];
  for (const { check, repair } of planned) {
    const base = { check, mode: repair.mode, description: repair.description };
    if (dryRun) {
      records.push({ ...base, status: 'planned' });
      continue;
    }
    try {
      const outcome = await repair.apply();
      records.push({ ...base, status: 'applied', ...outcome });
    } catch (error: unknown) {
      records.push({
        ...base,
        status: 'failed',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return records;
}

export function declined(planned: PlannedRepair[]): RepairRecord[] {
  return planned.map(({ check, repair }) => ({
    check,
    mode: repair.mode,
    description: repair.description,
    status: 'declined',
  }));
}
