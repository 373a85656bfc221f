import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkEmulation } from '../../../src/preflight/emulation.js';

describe('checkEmulation', () => {
  it('finds non-native platforms without a registered QEMU handler', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'binfmt-'));
    await writeFile(path.join(dir, 'status'), 'enabled\n');
    const native = (await checkEmulation([], dir)).nativeArch;
    const foreign = native === 'amd64' ? 'linux/arm64' : 'linux/amd64';
    expect((await checkEmulation([`linux/${native}`], dir)).missing).toEqual([]);
    const result = await checkEmulation([foreign, `linux/${native}`], dir);
    expect(result.missing.map((item) => item.platform)).toEqual([foreign]);
    await writeFile(path.join(dir, result.missing[0]?.handler ?? 'x'), 'enabled\n');
    expect((await checkEmulation([foreign], dir)).missing).toEqual([]);
  });
});
