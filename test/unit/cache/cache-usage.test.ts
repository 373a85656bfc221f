import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSystemDfBuildCache } from '../../../src/cache/build-cache-entry.js';
import { summarizeCacheUsage } from '../../../src/cache/cache-usage.js';

// `GET /system/df` BuildCache recorded on Docker 28.5.2: note the " Parents" key (moby's tag typo).
const df = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'fixtures', 'system-df-buildcache.json'), 'utf8'),
) as unknown;

describe('system df build cache', () => {
  it('reads parents from the " Parents" key Docker 28 sends', () => {
    const entries = parseSystemDfBuildCache(df);
    expect(entries).toHaveLength(11);
    expect(entries.find((e) => e.id === '91ainw1pfeolqqq6uf088ohs6')?.parents).toEqual([
      '4dgnbyuetdni69yfyo8ncx68o',
    ]);
  });

  it('treats missing fields as empty and accepts the old Parent key', () => {
    expect(parseSystemDfBuildCache({ BuildCache: [{ ID: 'x', Parent: 'p' }] })).toEqual([
      {
        id: 'x',
        parents: ['p'],
        type: '',
        description: '',
        inUse: false,
        shared: false,
        sizeBytes: 0,
        createdAt: '',
        lastUsedAt: undefined,
        usageCount: 0,
      },
    ]);
    expect(parseSystemDfBuildCache({ BuildCache: null })).toEqual([]);
  });
});

describe('summarizeCacheUsage', () => {
  it('groups exact bytes by type and by age of last use', () => {
    const entries = parseSystemDfBuildCache(df);
    const usage = summarizeCacheUsage(entries, {
      now: new Date('2026-11-21T14:00:00Z'),
      source: 'engine-api',
    });
    expect(usage.totalBytes).toBe(entries.reduce((sum, e) => sum + e.sizeBytes, 0));
    expect(usage.byType['regular']?.bytes).toBe(1_079_938 + 3521 + 6_296_393 + 12_588_090 + 18_879_794);
    expect(usage.byType['source.local']?.count).toBe(6);
    expect(usage.byAge['<24h'].count).toBe(11);
    expect(usage.byAge['<1h'].count).toBe(0);
    expect(usage.reclaimableBytes).toBe(usage.totalBytes);
  });

  it('counts in-use entries as not reclaimable', () => {
    const [first] = parseSystemDfBuildCache(df);
    const usage = summarizeCacheUsage([{ ...first!, inUse: true, sizeBytes: 10 }], {
      now: new Date('2030-01-01T00:00:00Z'),
      source: 'engine-api',
    });
    expect(usage).toMatchObject({ reclaimableBytes: 0, inUseBytes: 10 });
    expect(usage.byAge.older.count).toBe(1);
  });
});
