// Real docker CLI plugin fixtures on disk: tiny shell scripts that answer the metadata call well or
// badly, broken symlinks, non-executables — in a throwaway DOCKER_CONFIG with an extra plugin dir.
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface PluginSandbox {
  root: string;
  /** DOCKER_CONFIG */
  configDir: string;
  /** $DOCKER_CONFIG/cli-plugins */
  pluginDir: string;
  /** listed in config.json's cliPluginsExtraDirs */
  extraDir: string;
  /** IMAGEFORGE_HOME */
  home: string;
  env: Record<string, string | undefined>;
  cleanup(): Promise<void>;
}

export async function createPluginSandbox(base = os.tmpdir()): Promise<PluginSandbox> {
  const root = await mkdtemp(path.join(base, 'imageforge-plugins-'));
  const configDir = path.join(root, 'docker-config');
  const pluginDir = path.join(configDir, 'cli-plugins');
  const extraDir = path.join(root, 'extra-plugins');
  const home = path.join(root, 'imageforge-home');
  await mkdir(pluginDir, { recursive: true });
  await mkdir(extraDir, { recursive: true });
  await writeFile(path.join(configDir, 'config.json'), JSON.stringify({ cliPluginsExtraDirs: [extraDir] }));
  return {
    root,
    configDir,
    pluginDir,
    extraDir,
    home,
    env: { ...process.env, DOCKER_CONFIG: configDir, IMAGEFORGE_HOME: home },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

export const GOOD_METADATA = { SchemaVersion: '0.1.0', Vendor: 'Fixture Inc.', Version: '1.2.3' };

/** A plugin script printing `metadata` (an object is JSON-encoded, a string printed as is). */
export async function writePlugin(
  dir: string,
  name: string,
  metadata: object | string = GOOD_METADATA,
  mode = 0o755,
): Promise<string> {
  const text = typeof metadata === 'string' ? metadata : JSON.stringify(metadata);
  return writeScript(
    dir,
    name,
    `if [ "$1" = docker-cli-plugin-metadata ]; then\n  cat <<'EOF'\n${text}\nEOF\n  exit 0\nfi\necho "running ${name}"\n`,
    mode,
  );
}

export async function writeScript(dir: string, name: string, body: string, mode = 0o755): Promise<string> {
  const file = path.join(dir, `docker-${name}`);
  await writeFile(file, `#!/bin/sh\n${body}`);
  await chmod(file, mode);
  return file;
}

export async function writeBrokenSymlink(dir: string, name: string, target: string): Promise<string> {
  const file = path.join(dir, `docker-${name}`);
  await symlink(target, file);
  return file;
}
