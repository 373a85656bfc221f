// Reads `docker buildx du` for builders the Engine API cannot see (docker-container, remote, ...).
// buildx prints sizes as human strings ("4.096kB") and last use as a relative phrase ("2 hours
// ago"), so sizes are exact to 4 significant digits and ages to the unit buildx printed.
import { z } from 'zod';
import type { BuildCacheEntry } from './build-cache-entry.js';

const DECIMAL_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  pb: 1e15,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** "4.096kB" → 4096, "1.08MB" → 1080000, "0B" → 0; a trailing "*" (shared mark) is ignored. */
export function parseHumanSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\*?\s*$/.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  const factor = DECIMAL_UNITS[match[2].toLowerCase()];
  return factor === undefined ? undefined : Math.round(Number(match[1]) * factor);
}

const RELATIVE_UNITS: Record<string, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
  year: 365 * 86_400_000,
};

/**
 * go-units HumanDuration phrases ("Less than a second ago", "About an hour ago", "3 days ago") →
 * milliseconds ago; undefined for anything else (e.g. an empty "never used").
 */
export function parseRelativeAge(text: string): number | undefined {
  const phrase = text
    .trim()
    .replace(/\s+ago$/i, '')
    .toLowerCase();
  if (phrase === 'less than a second') return 0;
  const about = /^about an? (\w+)$/.exec(phrase);
  if (about?.[1]) return RELATIVE_UNITS[about[1]];
  const counted = /^(\d+) (\w+?)s?$/.exec(phrase);
  if (!counted?.[1] || !counted[2]) return undefined;
  const unit = RELATIVE_UNITS[counted[2]];
  return unit === undefined ? undefined : Number(counted[1]) * unit;
}

/** "2026-11-21 12:58:05.009460935 +0000 UTC" (Go's time.String) → ISO 8601; "" when unreadable. */
export function parseGoTime(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)? ([+-]\d{2})(\d{2})/.exec(text.trim());
  if (!match) return '';
  const fraction = (match[3] ?? '').slice(0, 4);
  const date = new Date(`${match[1]}T${match[2]}${fraction}${match[4]}:${match[5]}`);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

const duJsonLine = z.object({
  ID: z.string(),
  Parents: z.array(z.string()).nullish(),
  Type: z.string().nullish(),
  Description: z.string().nullish(),
  Reclaimable: z.boolean().nullish(),
  Shared: z.boolean().nullish(),
  Size: z.string().nullish(),
  CreatedAt: z.string().nullish(),
  LastUsedAt: z.string().nullish(),
  UsageCount: z.number().nullish(),
});

/** `docker buildx du --format json` (buildx ≥ 0.28): one JSON object per line. */
export function parseBuildxDuJson(stdout: string, now: Date): BuildCacheEntry[] {
  const entries: BuildCacheEntry[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    const parsed = duJsonLine.safeParse(JSON.parse(line));
    if (!parsed.success) continue;
    const raw = parsed.data;
    entries.push({
      id: raw.ID,
      parents: raw.Parents ?? [],
      type: raw.Type ?? '',
      description: raw.Description ?? '',
      // buildx reports "reclaimable", which is exactly "not in use".
      inUse: raw.Reclaimable === false,
      shared: raw.Shared ?? false,
      sizeBytes: parseHumanSize(raw.Size ?? '') ?? 0,
      createdAt: parseGoTime(raw.CreatedAt ?? ''),
      lastUsedAt: toIsoAgo(raw.LastUsedAt ?? '', now),
      usageCount: raw.UsageCount ?? 0,
    });
  }
  return entries;
}

/** `docker buildx du --verbose` (buildx < 0.28): blank-line separated "Key: value" blocks. */
export function parseBuildxDuVerbose(stdout: string, now: Date): BuildCacheEntry[] {
  const entries: BuildCacheEntry[] = [];
  for (const block of stdout.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    const parents: string[] = [];
    for (const line of block.split('\n')) {
      const parent = /^\s+-\s+(\S+)/.exec(line);
      if (parent?.[1]) parents.push(parent[1]);
      const field = /^([A-Za-z][A-Za-z ]*):\s*(.*)$/.exec(line);
      if (field?.[1]) fields.set(field[1].trim().toLowerCase(), (field[2] ?? '').trim());
    }
    const id = fields.get('id');
    if (!id) continue;
    // buildx 0.13 prints one "Parent: <id>" line instead of the "Parents:" list
    const parent = fields.get('parent');
    if (parent) parents.push(parent);
    entries.push({
      id,
      parents,
      type: fields.get('type') ?? '',
      description: fields.get('description') ?? '',
      inUse: fields.get('reclaimable') === 'false',
      shared: fields.get('shared') === 'true',
      sizeBytes: parseHumanSize(fields.get('size') ?? '') ?? 0,
      createdAt: parseGoTime(fields.get('created at') ?? ''),
      lastUsedAt: toIsoAgo(fields.get('last used') ?? '', now),
      usageCount: Number(fields.get('usage count') ?? 0) || 0,
    });
  }
  return entries;
}

function toIsoAgo(text: string, now: Date): string | undefined {
  const ago = parseRelativeAge(text);
  return ago === undefined ? undefined : new Date(now.getTime() - ago).toISOString();
}
