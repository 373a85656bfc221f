// Decides, without touching anything, exactly which build cache records a prune removes under a
// CachePolicy. Pure: the clock and the free disk space come in as arguments, so tests control both.
//
// Parent/child rule (verified on Docker 28.5: pruning a parent whose child stays deletes nothing):
// a record is only removable once every one of its children is removed. Children are therefore
// always planned before their parents, and a parent whose child stays is kept, whatever its age.
import { lastUsedMs, type BuildCacheEntry } from './build-cache-entry.js';
import { formatBytes, formatPolicyDuration } from './policy-text.js';
import type { CachePolicy } from '../config/types.js';

export type PrunePolicy = Pick<
  CachePolicy,
  'maxSizeBytes' | 'maxAgeMs' | 'minFreeSpaceBytes' | 'reservedSpaceBytes'
>;

export interface PlanPruneOptions {
  now: Date;
  /** Free bytes at the engine's data root; undefined (remote engine) disables minFreeSpace. */
  freeBytes?: number | undefined;
}

export type PruneReason = 'max-age' | 'max-size' | 'min-free-space' | 'all';

export interface PlannedRemoval {
  entry: BuildCacheEntry;
  reason: PruneReason;
  /** For people: "older than 72h", "over max size 10.0 GB", "under min free space 5.0 GB". */
  why: string;
}

export interface PrunePlan {
  /** In execution order: children before their parents. */
  removals: PlannedRemoval[];
  bytesPlanned: number;
  totalBytes: number;
  /** Total after the planned removals. */
  projectedBytes: number;
  /** Why the plan stops short of what the policy asks, when it does. */
  notes: string[];
}

interface PlanState {
  ordered: BuildCacheEntry[];
  children: Map<string, string[]>;
  removed: Set<string>;
  removals: PlannedRemoval[];
  remaining: number;
  floor: number;
  notes: string[];
}

export function planPrune(
  entries: BuildCacheEntry[],
  policy: PrunePolicy,
  options: PlanPruneOptions,
): PrunePlan {
  const state = initialState(entries, policy);
  const now = options.now.getTime();
  const maxAge = formatPolicyDuration(policy.maxAgeMs);
  removeWhile(state, 'max-age', `older than ${maxAge}`, {
    wants: (entry) => ageOf(entry, now) > policy.maxAgeMs,
    done: () => false,
  });
  removeWhile(state, 'max-size', `over max size ${formatBytes(policy.maxSizeBytes)}`, {
    wants: () => true,
    done: () => state.remaining <= policy.maxSizeBytes,
  });
  planMinFreeSpace(state, policy, options.freeBytes);
  const totalBytes = sum(entries);
  return {
    removals: state.removals,
    bytesPlanned: totalBytes - state.remaining,
    totalBytes,
    projectedBytes: state.remaining,
    notes: state.notes,
  };
}

/** Every record that can go (not in use, no child in use), children first: `cache prune --all`. */
export function planPruneAll(entries: BuildCacheEntry[]): PrunePlan {
  const state = initialState(entries, { reservedSpaceBytes: undefined });
  removeWhile(state, 'all', 'prune --all', { wants: () => true, done: () => false });
  const totalBytes = sum(entries);
  return {
    removals: state.removals,
    bytesPlanned: totalBytes - state.remaining,
    totalBytes,
    projectedBytes: state.remaining,
    notes: state.notes,
  };
}

function planMinFreeSpace(state: PlanState, policy: PrunePolicy, freeBytes: number | undefined): void {
  const minFree = policy.minFreeSpaceBytes;
  if (minFree === undefined) return;
  if (freeBytes === undefined) {
    state.notes.push('minFreeSpace not applied: free space at the engine data root is unknown');
    return;
  }
  const total = sum(state.ordered);
  // Projected free space: free now plus everything this plan frees, the earlier phases included.
  const reached = (): boolean => freeBytes + (total - state.remaining) >= minFree;
  removeWhile(state, 'min-free-space', `under min free space ${formatBytes(minFree)}`, {
    wants: () => true,
    done: reached,
  });
  if (!reached())
    state.notes.push(`minFreeSpace ${formatBytes(minFree)} cannot be reached by pruning the build cache`);
}

function initialState(entries: BuildCacheEntry[], policy: Pick<PrunePolicy, 'reservedSpaceBytes'>) {
  const children = new Map<string, string[]>();
  const known = new Set(entries.map((entry) => entry.id));
  for (const entry of entries) {
    for (const parent of entry.parents) {
      if (known.has(parent)) children.set(parent, [...(children.get(parent) ?? []), entry.id]);
    }
  }
  // Least recently used first; unknown times count as oldest; ids break ties for a stable plan.
  const ordered = [...entries].sort(
    (a, b) => (lastUsedMs(a) || 0) - (lastUsedMs(b) || 0) || a.id.localeCompare(b.id),
  );
  const state: PlanState = {
    ordered,
    children,
    removed: new Set(),
    removals: [],
    remaining: sum(entries),
    floor: policy.reservedSpaceBytes ?? 0,
    notes: [],
  };
  return state;
}

interface Phase {
  wants: (entry: BuildCacheEntry) => boolean;
  done: () => boolean;
}

/** Removes the least recently used removable record the phase wants, until it is done or blocked. */
function removeWhile(state: PlanState, reason: PruneReason, why: string, phase: Phase): void {
  while (!phase.done()) {
    const next = state.ordered.find((entry) => isRemovable(state, entry) && phase.wants(entry));
    if (next === undefined) return;
    if (state.remaining - next.sizeBytes < state.floor) {
      state.notes.push(`stopped at reservedSpace ${formatBytes(state.floor)} (${reason})`);
      return;
    }
    state.removed.add(next.id);
    state.remaining -= next.sizeBytes;
    state.removals.push({ entry: next, reason, why });
  }
}

function isRemovable(state: PlanState, entry: BuildCacheEntry): boolean {
  if (entry.inUse || state.removed.has(entry.id)) return false;
  return (state.children.get(entry.id) ?? []).every((child) => state.removed.has(child));
}

function ageOf(entry: BuildCacheEntry, now: number): number {
  const last = lastUsedMs(entry);
  return Number.isNaN(last) ? Number.POSITIVE_INFINITY : now - last;
}

function sum(entries: BuildCacheEntry[]): number {
  return entries.reduce((total, entry) => total + entry.sizeBytes, 0);
}
