// The plugin audit over real files: fixture plugins in a temporary DOCKER_CONFIG and an extra plugin
// dir, plus the machine's real system plugin dirs (buildx, compose) which must come out valid.
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditCliPlugins, pluginStatus, type PluginAudit } from '../../../src/plugins/audit-cli-plugins.js';
import { SYSTEM_PLUGIN_DIRS } from '../../../src/plugins/plugin-dirs.js';
import {
  createPluginSandbox,
  writeBrokenSymlink,
  writePlugin,
  writeScript,
  type PluginSandbox,
} from './plugin-fixtures.js';

let box: PluginSandbox;
beforeEach(async () => {
  box = await createPluginSandbox();
});
afterEach(async () => {
  await box.cleanup();
});

const audit = (timeoutMs?: number): Promise<PluginAudit> => auditCliPlugins({ env: box.env, timeoutMs });
const find = (result: PluginAudit, file: string) => {
  const entry = result.plugins.find((plugin) => plugin.path === file);
  if (!entry) throw new Error(`${file} not in the audit: ${JSON.stringify(result.plugins)}`);
  return entry;
};

describe('auditCliPlugins', () => {
  it('lists a valid plugin with its metadata', async () => {
    const file = await writePlugin(box.pluginDir, 'hello', {
      SchemaVersion: '0.1.0',
      Vendor: 'Fixture Inc.',
      Version: 'v2.0.1',
      ShortDescription: 'Says hello',
    });
    expect(find(await audit(), file)).toEqual({
      name: 'hello',
      path: file,
      dir: box.pluginDir,
      valid: true,
      version: 'v2.0.1',
      vendor: 'Fixture Inc.',
      shortDescription: 'Says hello',
    });
  });

  it('names every problem docker refuses a plugin for, one line each', async () => {
    const files = {
      broken: await writeBrokenSymlink(box.pluginDir, 'broken', '/nonexistent/docker-broken'),
      noexec: await writePlugin(box.pluginDir, 'noexec', undefined, 0o644),
      linkdir: path.join(box.pluginDir, 'docker-linkdir'),
      upper: await writePlugin(box.pluginDir, 'Upper'),
      backup: await writePlugin(box.pluginDir, 'compose.bak'),
      builtin: await writePlugin(box.pluginDir, 'ps'),
      fails: await writeScript(box.pluginDir, 'fails', 'echo "cannot start" >&2\nexit 3\n'),
      badjson: await writePlugin(box.pluginDir, 'badjson', 'not json\nat all'),
      schema: await writePlugin(box.pluginDir, 'schema', { SchemaVersion: '0.2.0', Vendor: 'x' }),
      novendor: await writePlugin(box.pluginDir, 'novendor', { SchemaVersion: '0.1.0' }),
    };
    await symlink(box.root, files.linkdir);
    const result = await audit();
    const verdict = (file: string) => {
      const entry = find(result, file);
      return [pluginStatus(entry), entry.problem, entry.message];
    };
    expect(verdict(files.broken)).toEqual([
      'invalid',
      'broken-symlink',
      'broken symlink: target /nonexistent/docker-broken is missing',
    ]);
    expect(verdict(files.noexec)).toEqual(['invalid', 'not-executable', 'not executable (mode 0644)']);
    expect(verdict(files.linkdir)).toEqual([
      'invalid',
      'not-a-file',
      `not a regular file: symlink to ${box.root}, a directory`,
    ]);
    expect(verdict(files.upper)).toEqual([
      'invalid',
      'invalid-name',
      'plugin candidate "Upper" did not match "^[a-z][a-z0-9]*$"',
    ]);
    expect(verdict(files.backup)[1]).toBe('invalid-name');
    expect(verdict(files.builtin)).toEqual([
      'invalid',
      'invalid-name',
      'plugin "ps" duplicates builtin command',
    ]);
    expect(verdict(files.fails)).toEqual([
      'invalid',
      'metadata-failed',
      'failed to fetch metadata: exit status 3 (cannot start)',
    ]);
    expect(verdict(files.badjson)[1]).toBe('metadata-invalid');
    expect(verdict(files.badjson)[2]).not.toContain('\n');
    expect(verdict(files.schema)).toEqual([
      'invalid',
      'metadata-invalid',
      'plugin SchemaVersion "0.2.0" is not valid, must be 0.1.0',
    ]);
    expect(verdict(files.novendor)).toEqual([
      'invalid',
      'metadata-invalid',
      'plugin metadata does not define a vendor',
    ]);
  });

  it('bounds the metadata call: a plugin that hangs fails after the timeout', async () => {
    const file = await writeScript(box.pluginDir, 'hangs', 'sleep 30\n');
    const started = Date.now();
    const entry = find(await audit(500), file);
    expect(entry).toMatchObject({
      valid: false,
      problem: 'metadata-failed',
      message: 'failed to fetch metadata: no answer within 500ms',
    });
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('ignores what docker ignores: directories, FIFOs, names without the docker- prefix', async () => {
    await mkdir(path.join(box.pluginDir, 'docker-adir'));
    execFileSync('mkfifo', [path.join(box.pluginDir, 'docker-fifo')]);
    await writeFile(path.join(box.pluginDir, 'README'), 'not a plugin');
    const names = (await audit()).plugins.filter((entry) => entry.dir === box.pluginDir);
    expect(names).toEqual([]);
  });

  it('searches cliPluginsExtraDirs first, then $DOCKER_CONFIG/cli-plugins: the later copy is shadowed', async () => {
    const winner = await writePlugin(box.extraDir, 'dup', {
      SchemaVersion: '0.1.0',
      Vendor: 'v',
      Version: 'extra',
    });
    const loser = await writePlugin(box.pluginDir, 'dup', {
      SchemaVersion: '0.1.0',
      Vendor: 'v',
      Version: 'config',
    });
    const result = await audit();
    expect(find(result, winner)).toMatchObject({ valid: true, version: 'extra' });
    expect(find(result, loser)).toMatchObject({
      valid: false,
      problem: 'shadowed',
      shadowedBy: winner,
      version: 'config',
      message: `shadowed by ${winner}`,
    });
    expect(pluginStatus(find(result, loser))).toBe('shadowed');
    // the winner comes first
    const order = result.plugins.filter((entry) => entry.name === 'dup').map((entry) => entry.path);
    expect(order).toEqual([winner, loser]);
  });

  it('says when the copy that shadows is itself invalid, and what docker then runs', async () => {
    const stale = await writeBrokenSymlink(box.extraDir, 'tool', '/nonexistent/tool');
    const noexec = await writePlugin(box.extraDir, 'other', undefined, 0o644);
    const tool = await writePlugin(box.pluginDir, 'tool');
    const other = await writePlugin(box.pluginDir, 'other');
    const result = await audit();
    expect(find(result, stale)).toMatchObject({ valid: false, problem: 'broken-symlink' });
    expect(find(result, tool).message).toBe(
      `shadowed by ${stale}, a broken symlink that docker lists as invalid but skips when running the plugin`,
    );
    expect(find(result, noexec)).toMatchObject({ valid: false, problem: 'not-executable' });
    expect(find(result, other).message).toBe(
      `shadowed by ${noexec}, which is not valid: \`docker other\` fails until it is removed`,
    );
  });

  it('reports the directories in search order, missing ones included', async () => {
    const result = await audit();
    expect(result.dirs.map((dir) => [dir.path, dir.source])).toEqual([
      [box.extraDir, 'extra'],
      [box.pluginDir, 'config'],
      ...SYSTEM_PLUGIN_DIRS.map((dir) => [dir, 'system']),
    ]);
    expect(result.dirs.slice(0, 2).every((dir) => dir.exists)).toBe(true);
    for (const dir of result.dirs.slice(2)) expect(dir.exists).toBe(existsSync(dir.path));
    expect(result.warnings).toEqual([]);
  });

  it('reads cliPluginsExtraDirs case-insensitively, as docker does', async () => {
    await writeFile(
      path.join(box.configDir, 'config.json'),
      JSON.stringify({ CLIPLUGINSEXTRADIRS: [box.extraDir] }),
    );
    expect((await audit()).dirs[0]).toMatchObject({ path: box.extraDir, source: 'extra' });
  });

  it('warns about an unreadable config.json and goes on without extra dirs', async () => {
    await writeFile(path.join(box.configDir, 'config.json'), '{ not json');
    const result = await audit();
    expect(result.dirs[0]).toMatchObject({ path: box.pluginDir, source: 'config' });
    expect(result.warnings).toEqual([expect.stringMatching(/config\.json is not valid: /)]);
  });

  it('copes with a DOCKER_CONFIG that does not exist', async () => {
    const result = await auditCliPlugins({ env: { ...box.env, DOCKER_CONFIG: path.join(box.root, 'nope') } });
    expect(result.dirs[0]).toMatchObject({ source: 'config', exists: false });
  });

  it('searches a directory listed twice (through a symlink) once', async () => {
    const alias = path.join(box.root, 'alias-of-extra');
    await symlink(box.extraDir, alias);
    await writeFile(
      path.join(box.configDir, 'config.json'),
      JSON.stringify({ cliPluginsExtraDirs: [box.extraDir, alias] }),
    );
    const file = await writePlugin(box.extraDir, 'once');
    const result = await audit();
    expect(result.dirs[1]).toMatchObject({ path: alias, sameAs: box.extraDir });
    expect(result.plugins.filter((entry) => entry.name === 'once')).toEqual([
      expect.objectContaining({ path: file, valid: true }),
    ]);
  });

  const systemPlugins = SYSTEM_PLUGIN_DIRS.flatMap((dir) =>
    ['buildx', 'compose'].map((name) => path.join(dir, `docker-${name}`)),
  ).filter((file) => existsSync(file));

  it.runIf(systemPlugins.length > 0 || process.env.CI === 'true')(
    'reports the real buildx/compose plugins of this machine valid',
    async () => {
      expect(systemPlugins.length, 'no docker-buildx in the system plugin dirs').toBeGreaterThan(0);
      const result = await audit();
      for (const file of systemPlugins) {
        expect(find(result, file)).toMatchObject({ valid: true, vendor: 'Docker Inc.' });
        expect(find(result, file).version).toMatch(/\d+\.\d+/);
      }
    },
  );
});
