import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGcConfig, writeGcConfig } from '../../../src/cache/gc-config.js';
import { goDuration } from '../../../src/builders/config/gc-rules.js';

const policy = {
  maxSizeBytes: 10e9,
  maxAgeMs: 72 * 3_600_000,
  minFreeSpaceBytes: 5e9,
  reservedSpaceBytes: 1e9,
};

describe('gc-config', () => {
  it("renders the policy as the managed engines' builder.gc rules, with byte strings", () => {
    const ephemeral = (type: string) => ({
      filter: [`type=${type}`, 'unused-for=48h'],
      maxUsedSpace: '512000000',
    });
    const limits = { reservedSpace: '1000000000', maxUsedSpace: '10000000000', minFreeSpace: '5000000000' };
    expect(renderGcConfig(policy)).toEqual({
      builder: {
        gc: {
          enabled: true,
          policy: [
            ephemeral('exec.cachemount'),
            ephemeral('source.git.checkout'),
            ephemeral('source.local'),
            { filter: ['unused-for=72h'], ...limits },
            limits,
            { all: true, ...limits },
          ],
        },
      },
    });
    expect(goDuration(5_400_000)).toBe('5400s');
  });

  it('merges into an existing daemon.json, keeping every other key', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-gc-'));
    const file = path.join(dir, 'daemon.json');
    await writeFile(file, JSON.stringify({ iptables: false, builder: { gc: { enabled: false }, other: 1 } }));
    await writeGcConfig(
      file,
      renderGcConfig({ ...policy, minFreeSpaceBytes: undefined, reservedSpaceBytes: undefined }),
    );
    const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(written).toEqual({
      iptables: false,
      builder: {
        other: 1,
        gc: {
          enabled: true,
          policy: [
            { filter: ['type=exec.cachemount', 'unused-for=48h'], maxUsedSpace: '512000000' },
            { filter: ['type=source.git.checkout', 'unused-for=48h'], maxUsedSpace: '512000000' },
            { filter: ['type=source.local', 'unused-for=48h'], maxUsedSpace: '512000000' },
            { filter: ['unused-for=72h'], maxUsedSpace: '10000000000' },
            { maxUsedSpace: '10000000000' },
            { all: true, maxUsedSpace: '10000000000' },
          ],
        },
      },
    });
  });

  it('refuses a daemon.json that is not a JSON object', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-gc-'));
    const file = path.join(dir, 'daemon.json');
    await writeFile(file, '{broken');
    await expect(writeGcConfig(file, renderGcConfig(policy))).rejects.toThrow(/not a JSON object/);
    expect(await readFile(file, 'utf8')).toBe('{broken');
  });
});
