// The builder's GC policy as an ordered list of neutral rules, shaped like BuildKit's own default
// policy, so buildkitd.toml and daemon.json express the same intent in their own dialects.
import type { BuildkitdSettings } from '../../config/types.js';

export type GcSettings = BuildkitdSettings['gc'];

/** Cache record types that are cheap to recreate (BuildKit's default first rule). */
export const EPHEMERAL_CACHE_TYPES = ['exec.cachemount', 'source.git.checkout', 'source.local'] as const;

export const EPHEMERAL_KEEP_MS = 48 * 3_600_000;
export const EPHEMERAL_MAX_BYTES = 512_000_000;
/** BuildKit's default age limit for everything else: 60 days. */
export const DEFAULT_KEEP_MS = 60 * 24 * 3_600_000;

export interface GcRule {
  /** Include shared and internal records (the last resort rule). */
  all: boolean;
  /** Cache record types this rule is limited to (OR); empty = every type. */
  types: string[];
  /** Only records unused for longer than this are removed. */
  keepDurationMs: number | undefined;
  reservedSpaceBytes: number | undefined;
  maxUsedSpaceBytes: number | undefined;
  minFreeSpaceBytes: number | undefined;
}

export function hasSpaceLimit(gc: GcSettings): boolean {
  return (
    gc.reservedSpaceBytes !== undefined ||
    gc.maxUsedSpaceBytes !== undefined ||
    gc.minFreeSpaceBytes !== undefined
  );
}

/**
 * Four rules, most disposable first: ephemeral records unused for 48h beyond 512 MB; anything
 * unused for `keepDuration` (default 60 days); unshared records above the limits; then everything,
 * shared records included, above the limits. Nothing configured = no rules, so BuildKit derives
 * its defaults from the disk size. A rule with neither an age nor a size would empty the cache on
 * every GC run, so the size-only rules exist only when a limit is set.
 */
export function planGcRules(gc: GcSettings): GcRule[] {
  const space = hasSpaceLimit(gc);
  if (!space && gc.keepDurationMs === undefined) return [];
  const limits = {
    reservedSpaceBytes: gc.reservedSpaceBytes,
    maxUsedSpaceBytes: gc.maxUsedSpaceBytes,
    minFreeSpaceBytes: gc.minFreeSpaceBytes,
  };
  const ephemeralCap = Math.min(EPHEMERAL_MAX_BYTES, gc.maxUsedSpaceBytes ?? EPHEMERAL_MAX_BYTES);
  const rules: GcRule[] = [
    {
      all: false,
      types: [...EPHEMERAL_CACHE_TYPES],
      keepDurationMs: EPHEMERAL_KEEP_MS,
      reservedSpaceBytes: undefined,
      maxUsedSpaceBytes: ephemeralCap,
      minFreeSpaceBytes: undefined,
    },
    { all: false, types: [], keepDurationMs: gc.keepDurationMs ?? DEFAULT_KEEP_MS, ...limits },
  ];
  if (space) {
    rules.push({ all: false, types: [], keepDurationMs: undefined, ...limits });
    rules.push({ all: true, types: [], keepDurationMs: undefined, ...limits });
  }
  return rules;
}

/** Go duration for daemon.json and comments: whole hours as "72h", anything else in seconds. */
export function goDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  return `${Math.ceil(ms / 1000)}s`;
}

/** Decimal units for comments: 80000000000 → "80 GB". */
export function humanBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${Number(value.toFixed(2))} ${units[unit]}`;
}
