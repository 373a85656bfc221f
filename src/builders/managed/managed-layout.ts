// Where a managed builder keeps its engine on disk: one directory per builder under IMAGEFORGE_HOME,
// so dev and prod engines never share a data root (and therefore never share build cache).
import os from 'node:os';
import path from 'node:path';

export interface ManagedLayout {
  name: string;
  dir: string;
  dataRoot: string;
  execRoot: string;
  socket: string;
  /** unix:///…/docker.sock */
  dockerHost: string;
  pidFile: string;
  /** Rootless only: the rootlesskit process that owns the user namespace. */
  launcherPidFile: string;
  /** Rootless only: XDG_RUNTIME_DIR of the rootless engine. */
  runtimeDir: string;
  daemonJson: string;
  logFile: string;
}

/** IMAGEFORGE_HOME, else `$XDG_DATA_HOME/imageforge`, else `~/.local/share/imageforge`. */
export function defaultImageforgeHome(env: Record<string, string | undefined> = process.env): string {
  if (env.IMAGEFORGE_HOME) return path.resolve(env.IMAGEFORGE_HOME);
  if (env.XDG_DATA_HOME) return path.join(env.XDG_DATA_HOME, 'imageforge');
  return path.join(os.homedir(), '.local/share/imageforge');
}

/** The docker context (and so the docker-driver buildx builder) registered for a managed builder. */
export function managedContextName(name: string): string {
  return `imageforge-${name}`;
}

export function managedLayout(name: string, home: string): ManagedLayout {
  const dir = path.join(home, 'builders', name);
  const socket = path.join(dir, 'docker.sock');
  return {
    name,
    dir,
    dataRoot: path.join(dir, 'data'),
    execRoot: path.join(dir, 'exec'),
    socket,
    dockerHost: `unix://${socket}`,
    pidFile: path.join(dir, 'docker.pid'),
    launcherPidFile: path.join(dir, 'launcher.pid'),
    runtimeDir: path.join(dir, 'run'),
    daemonJson: path.join(dir, 'daemon.json'),
    logFile: path.join(dir, 'dockerd.log'),
  };
}
