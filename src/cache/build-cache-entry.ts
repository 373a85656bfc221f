// One BuildKit cache record as imageforge sees it, whichever way it was read (Engine API or buildx),
// and the validation of the Engine API's `GET /system/df` BuildCache records.
import { z } from 'zod';

export interface BuildCacheEntry {
  id: string;
  /** Records this one is built on; a parent cannot be removed while a child stays. */
  parents: string[];
  /** regular, source.local, exec.cachemount, frontend, internal, source.git.checkout, ... */
  type: string;
  description: string;
  inUse: boolean;
  /** Shares data with something else (with the containerd image store: an image's layers). */
  shared: boolean;
  sizeBytes: number;
  /** ISO 8601; empty when the producer omitted it. */
  createdAt: string;
  /** ISO 8601; undefined when the record was never used after its creation. */
  lastUsedAt: string | undefined;
  usageCount: number;
}

/**
 * Docker 28 serialises `Parents` with a leading space (`json:" Parents,omitempty"`, a typo in moby's
 * api/types/build CacheRecord), so the key on the wire is " Parents"; older engines send `Parent`.
 * All three spellings are read.
 */
const engineRecordSchema = z.object({
  ID: z.string(),
  Parent: z.string().nullish(),
  Parents: z.array(z.string()).nullish(),
  ' Parents': z.array(z.string()).nullish(),
  Type: z.string().nullish(),
  Description: z.string().nullish(),
  InUse: z.boolean().nullish(),
  Shared: z.boolean().nullish(),
  Size: z.number().nullish(),
  CreatedAt: z.string().nullish(),
  LastUsedAt: z.string().nullish(),
  UsageCount: z.number().nullish(),
});

const systemDfSchema = z.object({ BuildCache: z.array(z.unknown()).nullish() });

/** The BuildCache records of a `GET /system/df` answer; records that fail validation are skipped. */
export function parseSystemDfBuildCache(body: unknown): BuildCacheEntry[] {
  const records = systemDfSchema.parse(body).BuildCache ?? [];
  const entries: BuildCacheEntry[] = [];
  for (const record of records) {
    const parsed = engineRecordSchema.safeParse(record);
    if (parsed.success) entries.push(fromEngineRecord(parsed.data));
  }
  return entries;
}

function fromEngineRecord(raw: z.infer<typeof engineRecordSchema>): BuildCacheEntry {
  const parents = raw.Parents ?? raw[' Parents'] ?? (raw.Parent ? [raw.Parent] : []);
  return {
    id: raw.ID,
    parents,
    type: raw.Type ?? '',
    description: raw.Description ?? '',
    inUse: raw.InUse ?? false,
    shared: raw.Shared ?? false,
    sizeBytes: Math.max(0, raw.Size ?? 0),
    createdAt: raw.CreatedAt ?? '',
    lastUsedAt: raw.LastUsedAt ?? undefined,
    usageCount: raw.UsageCount ?? 0,
  };
}

/** When the entry was last touched: its last use, else its creation; NaN when neither is known. */
export function lastUsedMs(entry: BuildCacheEntry): number {
  return Date.parse(entry.lastUsedAt ?? entry.createdAt);
}
