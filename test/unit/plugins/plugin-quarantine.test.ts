// Quarantine and restore on real files: only invalid entries move, they come back exactly (symlink
// target, mode, content), nothing is overwritten, and refusals leave everything where it was.
import { execFileSync } from 'node:child_process';
import { lstat, readFile, readlink, readdir, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditCliPlugins, pluginStatus } from '../../../src/plugins/audit-cli-plugins.js';
import {
  listQuarantines,
  quarantinePlugins,
  restoreQuarantine,
} from '../../../src/plugins/plugin-quarantine.js';
import { quarantineManifestSchema } from '../../../src/plugins/quarantine-manifest.js';
import { isImageforgeError } from '../../../src/errors/imageforge-error.js';
import {
  createPluginSandbox,
  writeBrokenSymlink,
  writePlugin,
  type PluginSandbox,
} from './plugin-fixtures.js';

let box: PluginSandbox;
let files: { broken: string; noexec: string; bad: string; good: string; shadowed: string };

async function populate(sandbox: PluginSandbox): Promise<typeof files> {
  return {
    broken: await writeBrokenSymlink(sandbox.pluginDir, 'broken', '../nowhere/docker-broken'),
    noexec: await writePlugin(sandbox.pluginDir, 'noexec', undefined, 0o640),
    bad: await writePlugin(sandbox.pluginDir, 'bad', '{"SchemaVersion":"9"}'),
    good: await writePlugin(sandbox.extraDir, 'good'),
    shadowed: await writePlugin(sandbox.pluginDir, 'good'),
  };
}

/** What a user could observe about an entry: type, link target or mode and content. */
async function snapshot(file: string): Promise<string> {
  const info = await lstat(file);
  if (info.isSymbolicLink()) return `symlink -> ${await readlink(file)}`;
  return `file ${(info.mode & 0o7777).toString(8)} ${await readFile(file, 'utf8')}`;
}

/** Exists as an entry (a broken symlink counts; existsSync follows links). */
async function present(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

async function snapshots(paths: string[]): Promise<string[]> {
  return Promise.all(paths.map(snapshot));
}

async function expectError(promise: Promise<unknown>, code: string) {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isImageforgeError(error) ? error.code : error).toBe(code);
  if (!isImageforgeError(error)) throw new Error('unreachable');
  return error;
}

const invalidEntries = async (sandbox: PluginSandbox) =>
  (await auditCliPlugins({ env: sandbox.env })).plugins.filter((e) => e.dir.startsWith(sandbox.root));

beforeEach(async () => {
  box = await createPluginSandbox();
  files = await populate(box);
});
afterEach(async () => {
  await box.cleanup();
});

describe('quarantinePlugins', () => {
  it('moves only invalid entries, records them, and leaves valid and shadowed ones', async () => {
    const before = await snapshots([files.broken, files.noexec, files.bad]);
    const now = new Date('2025-03-04T05:06:07.890Z');
    const result = await quarantinePlugins(await invalidEntries(box), { home: box.home, now });

    expect(result).toMatchObject({ id: '20250304-050607', dryRun: false });
    expect(result.dir).toBe(path.join(box.home, 'plugin-quarantine', '20250304-050607'));
    expect(result.moved.map((move) => [move.from, move.problem]).sort()).toEqual(
      [
        [files.bad, 'metadata-invalid'],
        [files.broken, 'broken-symlink'],
        [files.noexec, 'not-executable'],
      ].sort(),
    );
    for (const file of [files.broken, files.noexec, files.bad]) expect(await present(file)).toBe(false);
    expect(existsSync(files.good) && existsSync(files.shadowed)).toBe(true);
    // moved exactly: the broken symlink is still a symlink to the same target, the mode is kept
    const moved = (from: string) => result.moved.find((move) => move.from === from)?.to ?? '';
    expect(await snapshots([moved(files.broken), moved(files.noexec), moved(files.bad)])).toEqual(before);

    const manifest = quarantineManifestSchema.parse(
      JSON.parse(await readFile(path.join(result.dir, 'manifest.json'), 'utf8')),
    );
    expect(manifest.createdAt).toBe(now.toISOString());
    expect(manifest.entries.find((entry) => entry.from === files.broken)).toMatchObject({
      kind: 'symlink',
      linkTarget: '../nowhere/docker-broken',
      problem: 'broken-symlink',
      message: expect.stringContaining('broken symlink') as unknown,
    });
    expect(manifest.entries.find((entry) => entry.from === files.noexec)).toMatchObject({
      kind: 'file',
      mode: '0640',
    });

    const after = await auditCliPlugins({ env: box.env });
    expect(after.plugins.filter((entry) => pluginStatus(entry) === 'invalid')).toEqual([]);
    expect(after.plugins.filter((entry) => pluginStatus(entry) === 'shadowed')).toHaveLength(1);
  });

  it('moves nothing on a dry run and creates nothing when there is nothing invalid', async () => {
    const dry = await quarantinePlugins(await invalidEntries(box), { home: box.home, dryRun: true });
    expect(dry.moved).toHaveLength(3);
    expect(dry.dryRun).toBe(true);
    for (const file of [files.broken, files.noexec, files.bad]) expect(await present(file)).toBe(true);
    expect(existsSync(box.home)).toBe(false);

    const valid = (await invalidEntries(box)).filter((entry) => pluginStatus(entry) !== 'invalid');
    const none = await quarantinePlugins(valid, { home: box.home });
    expect(none.moved).toEqual([]);
    expect(existsSync(box.home)).toBe(false);
  });

  it('takes a fresh id when two quarantines start in the same second', async () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const first = await quarantinePlugins(await invalidEntries(box), { home: box.home, now });
    await writePlugin(box.pluginDir, 'again', 'nope');
    const second = await quarantinePlugins(await invalidEntries(box), { home: box.home, now });
    expect([first.id, second.id]).toEqual(['20250101-000000', '20250101-000000-2']);
    expect((await listQuarantines(box.home)).map((q) => q.id)).toEqual([first.id, second.id]);
  });
});

describe('restoreQuarantine', () => {
  it('puts every entry back exactly and removes the quarantine', async () => {
    const paths = [files.broken, files.noexec, files.bad];
    const before = await snapshots(paths);
    const result = await quarantinePlugins(await invalidEntries(box), { home: box.home });

    const dry = await restoreQuarantine(box.home, undefined, { dryRun: true });
    expect(dry.restored.map((move) => move.to).sort()).toEqual([...paths].sort());
    for (const file of paths) expect(await present(file)).toBe(false);

    const restored = await restoreQuarantine(box.home, result.id);
    expect(restored).toMatchObject({ id: result.id, dryRun: false });
    expect(await snapshots(paths)).toEqual(before);
    expect(existsSync(result.dir)).toBe(false);
    expect(await listQuarantines(box.home)).toEqual([]);
  });

  it('restores the latest quarantine when no id is given', async () => {
    const first = await quarantinePlugins(await invalidEntries(box), {
      home: box.home,
      now: new Date('2025-01-01T00:00:00Z'),
    });
    const late = await writePlugin(box.pluginDir, 'late', 'nope');
    const second = await quarantinePlugins(await invalidEntries(box), {
      home: box.home,
      now: new Date('2025-02-01T00:00:00Z'),
    });
    const result = await restoreQuarantine(box.home, undefined);
    expect(result.id).toBe(second.id);
    expect(result.restored.map((move) => move.to)).toEqual([late]);
    expect((await listQuarantines(box.home)).map((q) => q.id)).toEqual([first.id]);
  });

  it('refuses to overwrite what now stands at an original path, restoring nothing', async () => {
    const result = await quarantinePlugins(await invalidEntries(box), { home: box.home });
    await writeFile(files.bad, 'a new file took its place');
    const error = await expectError(
      restoreQuarantine(box.home, result.id),
      'IMAGEFORGE_PLUGIN_RESTORE_CONFLICT',
    );
    expect(error.category).toBe('environment');
    expect(error.message).toContain(files.bad);
    expect(await readFile(files.bad, 'utf8')).toBe('a new file took its place');
    expect((await present(files.broken)) || (await present(files.noexec))).toBe(false);
    expect((await readdir(result.dir)).sort()).toEqual(
      ['docker-bad', 'docker-broken', 'docker-noexec', 'manifest.json'].sort(),
    );
  });

  it('names the known quarantines for an unknown id', async () => {
    const result = await quarantinePlugins(await invalidEntries(box), { home: box.home });
    const error = await expectError(
      restoreQuarantine(box.home, 'nope'),
      'IMAGEFORGE_PLUGIN_QUARANTINE_NOT_FOUND',
    );
    expect(error.category).toBe('usage');
    expect(error.hint).toContain(result.id);
    await expectError(
      restoreQuarantine(path.join(box.root, 'empty'), undefined),
      'IMAGEFORGE_PLUGIN_QUARANTINE_NOT_FOUND',
    );
  });
});

describe('across file systems and permissions', () => {
  const otherDevice = existsSync('/dev/shm');

  it.runIf(otherDevice || process.env.CI === 'true')(
    'moves and restores between file systems (plugins on tmpfs)',
    async () => {
      const shm = await createPluginSandbox('/dev/shm');
      try {
        const shmFiles = await populate(shm);
        const home = box.home; // on the temp dir's disk
        if ((await stat(shm.root)).dev === (await stat(box.root)).dev) return;
        const paths = [shmFiles.broken, shmFiles.noexec, shmFiles.bad];
        const before = await snapshots(paths);
        const result = await quarantinePlugins(await invalidEntries(shm), { home });
        expect(result.moved).toHaveLength(3);
        for (const file of paths) expect(await present(file)).toBe(false);
        await restoreQuarantine(home, result.id);
        expect(await snapshots(paths)).toEqual(before);
      } finally {
        await shm.cleanup();
      }
    },
  );

  const canChattr = process.getuid?.() === 0 && chattrWorks();

  it.runIf(canChattr || process.env.CI === 'true')(
    'turns a plugin dir it may not change into a clear error, moving nothing',
    async () => {
      const entries = await invalidEntries(box);
      execFileSync('chattr', ['+i', box.pluginDir]);
      try {
        const error = await expectError(
          quarantinePlugins(entries, { home: box.home }),
          'IMAGEFORGE_PLUGIN_PERMISSION_DENIED',
        );
        expect(error.category).toBe('environment');
        expect(error.message).toContain(box.pluginDir);
        expect(error.hint).toBeTruthy();
      } finally {
        execFileSync('chattr', ['-i', box.pluginDir]);
      }
      for (const file of [files.broken, files.noexec, files.bad]) expect(await present(file)).toBe(true);
      const root = path.join(box.home, 'plugin-quarantine');
      expect(existsSync(root) ? await readdir(root) : []).toEqual([]);
    },
  );
});

function chattrWorks(): boolean {
  try {
    execFileSync('sh', ['-c', 'd=$(mktemp -d) && chattr +i "$d" && chattr -i "$d" && rmdir "$d"'], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}
