import { describe, expect, it } from 'vitest';
import { planPrune, planPruneAll, type PrunePolicy } from '../../../src/cache/plan-prune.js';
import type { BuildCacheEntry } from '../../../src/cache/build-cache-entry.js';

const NOW = new Date('2026-01-10T12:00:00Z');
const H = 3_600_000;

function entry(
  id: string,
  sizeBytes: number,
  hoursAgo: number,
  extra: Partial<BuildCacheEntry> = {},
): BuildCacheEntry {
  const lastUsedAt = new Date(NOW.getTime() - hoursAgo * H).toISOString();
  return {
    id,
    parents: [],
    type: 'regular',
    description: '',
    inUse: false,
    shared: false,
    sizeBytes,
    createdAt: lastUsedAt,
    lastUsedAt,
    usageCount: 1,
    ...extra,
  };
}

const policy = (overrides: Partial<PrunePolicy> = {}): PrunePolicy => ({
  maxSizeBytes: 1_000,
  maxAgeMs: 72 * H,
  minFreeSpaceBytes: undefined,
  reservedSpaceBytes: undefined,
  ...overrides,
});

const ids = (plan: ReturnType<typeof planPrune>) => plan.removals.map((removal) => removal.entry.id);

describe('planPrune', () => {
  it.each([
    {
      name: 'nothing to do within policy',
      entries: [entry('a', 100, 1), entry('b', 100, 2)],
      policy: policy(),
      expected: [],
    },
    {
      name: 'entries older than maxAge go, oldest first',
      entries: [entry('new', 100, 1), entry('old', 100, 100), entry('older', 100, 200)],
      policy: policy(),
      expected: ['older', 'old'],
    },
    {
      name: 'least recently used go until the total is at most maxSize',
      entries: [entry('a', 400, 1), entry('b', 400, 2), entry('c', 400, 3)],
      policy: policy({ maxSizeBytes: 800 }),
      expected: ['c'],
    },
    {
      name: 'entries in use never go',
      entries: [entry('busy', 900, 500, { inUse: true }), entry('idle', 100, 1)],
      policy: policy({ maxSizeBytes: 0 }),
      expected: ['idle'],
    },
    {
      name: 'a parent whose child stays is kept, even when old',
      entries: [entry('parent', 100, 200), entry('child', 100, 1, { parents: ['parent'] })],
      policy: policy(),
      expected: [],
    },
    {
      name: 'children go before their parents',
      entries: [entry('parent', 100, 300), entry('child', 100, 200, { parents: ['parent'] })],
      policy: policy(),
      expected: ['child', 'parent'],
    },
    {
      name: 'the parent of an entry in use stays',
      entries: [entry('parent', 500, 300), entry('child', 1, 300, { parents: ['parent'], inUse: true })],
      policy: policy({ maxSizeBytes: 0 }),
      expected: [],
    },
    {
      name: 'reservedSpace is a floor for every rule',
      entries: [entry('a', 400, 100), entry('b', 400, 90), entry('c', 400, 80)],
      policy: policy({ reservedSpaceBytes: 700 }),
      expected: ['a'],
    },
    {
      name: 'minFreeSpace removes LRU until projected free space suffices',
      entries: [entry('a', 300, 3), entry('b', 300, 2), entry('c', 300, 1)],
      policy: policy({ minFreeSpaceBytes: 1_000 }),
      freeBytes: 500,
      expected: ['a', 'b'],
    },
    {
      name: 'bytes freed by earlier rules count towards minFreeSpace',
      entries: [entry('old', 600, 100), entry('b', 300, 2)],
      policy: policy({ minFreeSpaceBytes: 1_000 }),
      freeBytes: 500,
      expected: ['old'],
    },
    {
      name: 'unknown free space leaves minFreeSpace out',
      entries: [entry('a', 300, 3)],
      policy: policy({ minFreeSpaceBytes: 1_000 }),
      freeBytes: undefined,
      expected: [],
    },
  ])('$name', ({ entries, policy: rules, freeBytes, expected }) => {
    expect(ids(planPrune(entries, rules, { now: NOW, freeBytes }))).toEqual(expected);
  });

  it('says why each entry goes and sums the planned bytes', () => {
    const plan = planPrune([entry('old', 100, 100), entry('big', 2_000, 1)], policy(), { now: NOW });
    expect(plan.removals.map((r) => [r.entry.id, r.reason, r.why])).toEqual([
      ['old', 'max-age', 'older than 72h'],
      ['big', 'max-size', 'over max size 1.0 kB'],
    ]);
    expect(plan).toMatchObject({ bytesPlanned: 2_100, totalBytes: 2_100, projectedBytes: 0 });
  });

  it('notes when minFreeSpace is unknown or unreachable', () => {
    const unknown = planPrune([entry('a', 1, 1)], policy({ minFreeSpaceBytes: 10 }), { now: NOW });
    expect(unknown.notes).toEqual([
      'minFreeSpace not applied: free space at the engine data root is unknown',
    ]);
    const unreachable = planPrune([entry('a', 1, 1)], policy({ minFreeSpaceBytes: 10 }), {
      now: NOW,
      freeBytes: 0,
    });
    expect(unreachable.notes[0]).toMatch(/cannot be reached/);
  });

  it('counts an entry without any time as the oldest', () => {
    const timeless = { ...entry('timeless', 100, 0), lastUsedAt: undefined, createdAt: '' };
    expect(
      ids(planPrune([entry('a', 100, 1), timeless], policy({ maxSizeBytes: 100 }), { now: NOW })),
    ).toEqual(['timeless']);
  });
});

describe('planPruneAll', () => {
  it('plans everything not in use, children first', () => {
    const plan = planPruneAll([
      entry('parent', 1, 1),
      entry('child', 1, 5, { parents: ['parent'] }),
      entry('busy', 1, 9, { inUse: true }),
    ]);
    expect(ids(plan)).toEqual(['child', 'parent']);
  });
});
