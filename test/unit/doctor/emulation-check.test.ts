import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DoctorContext } from '../../../src/doctor/doctor-context.js';
import { emulationCheck } from '../../../src/doctor/checks/emulation-check.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'doctor-emulation-'));
  await mkdir(path.join(dir, 'app'));
  await mkdir(path.join(dir, 'binfmt'));
  await writeFile(path.join(dir, 'app/Dockerfile'), 'FROM scratch\n');
  await writeFile(
    path.join(dir, 'imageforge.yaml'),
    'version: 1\nimages:\n  app: {context: app, platforms: [linux/amd64, linux/arm64]}\n',
  );
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('emulation check', () => {
  it('fails with a --fix repair when a configured platform has no QEMU handler', async () => {
    const context = new DoctorContext({ configFile: path.join(dir, 'imageforge.yaml') });
    const outcome = await emulationCheck(context, path.join(dir, 'binfmt')).run();
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toMatch(/linux\/arm64/);
    expect(outcome.repair?.mode).toBe('fix');
    expect(outcome.repair?.description).toMatch(/qemu-aarch64/);
  });

  it('is ok once the handler is registered', async () => {
    await writeFile(path.join(dir, 'binfmt/qemu-aarch64'), 'enabled\n');
    const context = new DoctorContext({ configFile: path.join(dir, 'imageforge.yaml') });
    const outcome = await emulationCheck(context, path.join(dir, 'binfmt')).run();
    expect(outcome.status).toBe('ok');
    expect(outcome.repair).toBeUndefined();
  });

  it('is skipped when only the native platform is built', async () => {
    await writeFile(path.join(dir, 'imageforge.yaml'), 'version: 1\nimages:\n  app: {context: app}\n');
    const context = new DoctorContext({ configFile: path.join(dir, 'imageforge.yaml') });
    expect((await emulationCheck(context, path.join(dir, 'binfmt')).run()).status).toBe('skip');
  });
});
