import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseBuildxDuJson,
  parseBuildxDuVerbose,
  parseGoTime,
  parseHumanSize,
  parseRelativeAge,
} from '../../../src/cache/buildx-du.js';
import { parseBuildxPrune } from '../../../src/cache/build-cache-backend.js';

// Recorded on Docker 28.5.2 / buildx 0.29.1 (docker driver) after building three images.
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const NOW = new Date('2026-11-21T12:58:10Z');

describe('parseHumanSize', () => {
  it.each([
    ['4.096kB', 4096],
    ['1.08MB', 1_080_000],
    ['12.59MB', 12_590_000],
    ['3.521kB*', 3521],
    ['0B', 0],
    ['1.5GB', 1_500_000_000],
    ['2GiB', 2 * 1024 ** 3],
    ['lots', undefined],
  ])('%s → %s', (text, bytes) => expect(parseHumanSize(text)).toBe(bytes));
});

describe('parseRelativeAge', () => {
  it.each([
    ['Less than a second ago', 0],
    ['1 second ago', 1000],
    ['42 seconds ago', 42_000],
    ['About a minute ago', 60_000],
    ['5 minutes ago', 300_000],
    ['About an hour ago', 3_600_000],
    ['30 hours ago', 30 * 3_600_000],
    ['3 days ago', 3 * 86_400_000],
    ['2 weeks ago', 14 * 86_400_000],
    ['', undefined],
  ])('%s', (text, ms) => expect(parseRelativeAge(text)).toBe(ms));
});

it('reads Go time strings', () => {
  expect(parseGoTime('2026-11-21 12:58:05.009460935 +0000 UTC')).toBe('2026-11-21T12:58:05.009Z');
  expect(parseGoTime('nonsense')).toBe('');
});

describe('buildx du output', () => {
  it('parses --format json lines', () => {
    const entries = parseBuildxDuJson(fixture('buildx-du-format-json.txt'), NOW);
    expect(entries).toHaveLength(11);
    expect(entries.find((e) => e.id === 'v3x5c2sqdg3ih08mhiq9dgsa8')).toEqual({
      id: 'v3x5c2sqdg3ih08mhiq9dgsa8',
      parents: ['4dgnbyuetdni69yfyo8ncx68o'],
      type: 'regular',
      description: 'mount / from exec /bin/sh -c dd if=/dev/urandom of=/f bs=1M count=3',
      inUse: false,
      shared: true,
      sizeBytes: 6_296_000,
      createdAt: '2026-11-21T12:58:05.190Z',
      lastUsedAt: expect.any(String) as string,
      usageCount: 1,
    });
  });

  it('parses --verbose blocks into the same entries', () => {
    const json = parseBuildxDuJson(fixture('buildx-du-format-json.txt'), NOW);
    const verbose = parseBuildxDuVerbose(fixture('buildx-du-verbose.txt'), NOW);
    const strip = (e: (typeof json)[number]) => ({ ...e, lastUsedAt: undefined });
    expect(verbose.map(strip)).toEqual(json.map(strip));
  });

  it('reads the ids and total of buildx prune', () => {
    const out =
      'ID\t\t\t\t\t\tRECLAIMABLE\tSIZE\t\tLAST ACCESSED\ncmdf3fjhuo1uz2ghhmo16eux9*              \ttrue \t\t4.096kB   \t19 seconds ago\nTotal:\t4.096kB\n';
    expect(parseBuildxPrune(out)).toEqual({ spaceReclaimed: 4096, deleted: ['cmdf3fjhuo1uz2ghhmo16eux9'] });
  });
});
