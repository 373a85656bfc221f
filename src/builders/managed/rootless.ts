// Rootless managed engines: dockerd-rootless.sh (shipped by Debian's docker.io) runs dockerd inside
// a user namespace made by rootlesskit. Every prerequisite is checked up front so a missing piece
// is reported by name instead of as rootlesskit's terse "open: Permission denied".
import { chown, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ImageforgeError } from '../../errors/imageforge-error.js';
import { BuilderErrorCode } from '../builder-errors.js';
import { findExecutable } from './find-executable.js';
import type { ManagedLayout } from './managed-layout.js';

/** Debian installs the script outside PATH. */
const ROOTLESS_SCRIPT_DIRS = ['/usr/share/docker.io/contrib', '/usr/share/docker-ce/contrib'];

export interface RootlessUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export interface RootlessLaunch {
  script: string;
  /** The user the engine runs as; spawn with its uid/gid when imageforge runs as root. */
  user: RootlessUser;
  /** Environment for the script (HOME, XDG_RUNTIME_DIR, PATH). */
  env: Record<string, string>;
  switchUser: boolean;
}

export function rootlessError(reason: string, hint: string): ImageforgeError {
  return new ImageforgeError(`rootless managed builder unavailable: ${reason}`, {
    code: BuilderErrorCode.RootlessUnavailable,
    category: 'environment',
    hint,
  });
}

/** Checks prerequisites and returns how to launch; throws a RootlessUnavailable error otherwise. */
export async function prepareRootless(
  layout: ManagedLayout,
  env: Record<string, string | undefined>,
): Promise<RootlessLaunch> {
  const script =
    findExecutable('dockerd-rootless.sh', env) ??
    findExecutable('dockerd-rootless.sh', {}, ROOTLESS_SCRIPT_DIRS);
  if (!script)
    throw rootlessError('dockerd-rootless.sh not found', 'install docker.io (it ships the script)');
  const network = env.DOCKERD_ROOTLESS_ROOTLESSKIT_NET ?? 'slirp4netns';
  for (const tool of [
    'rootlesskit',
    'newuidmap',
    'newgidmap',
    ...(network === 'slirp4netns' ? ['slirp4netns'] : []),
  ]) {
    if (!findExecutable(tool, env))
      throw rootlessError(`${tool} not found on PATH`, 'apt-get install rootlesskit uidmap slirp4netns');
  }
  const user = await resolveRootlessUser(env);
  await requireSubordinateIds(user);
  if (network === 'slirp4netns') await requireTunAccess();
  await requireTraversable(layout.dir, user);
  const runtimeEnv = {
    HOME: user.home,
    USER: user.name,
    XDG_RUNTIME_DIR: layout.runtimeDir,
    PATH: env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ...(env.DOCKERD_ROOTLESS_ROOTLESSKIT_NET ? { DOCKERD_ROOTLESS_ROOTLESSKIT_NET: network } : {}),
  };
  return { script, user, env: runtimeEnv, switchUser: process.getuid?.() === 0 };
}

/** Root must name the unprivileged user (IMAGEFORGE_ROOTLESS_USER); others run as themselves. */
async function resolveRootlessUser(env: Record<string, string | undefined>): Promise<RootlessUser> {
  const uid = process.getuid?.() ?? 0;
  const wanted = uid === 0 ? env.IMAGEFORGE_ROOTLESS_USER : undefined;
  if (uid === 0 && !wanted)
    throw rootlessError(
      'imageforge runs as root and a rootless engine must run as an unprivileged user',
      'set IMAGEFORGE_ROOTLESS_USER to a user with /etc/subuid and /etc/subgid ranges (useradd creates them)',
    );
  const passwd = await readFile('/etc/passwd', 'utf8');
  for (const line of passwd.split('\n')) {
    const [name, , uidText, gidText, , home] = line.split(':');
    if (!name || uidText === undefined || gidText === undefined) continue;
    if (wanted ? name === wanted : Number(uidText) === uid) {
      const user = { name, uid: Number(uidText), gid: Number(gidText), home: home ?? '/' };
      if (user.uid === 0) throw rootlessError(`user "${name}" is root`, 'name an unprivileged user');
      return user;
    }
  }
  throw rootlessError(`user "${wanted ?? uid}" not found in /etc/passwd`, 'create it with useradd -m NAME');
}

async function requireSubordinateIds(user: RootlessUser): Promise<void> {
  for (const file of ['/etc/subuid', '/etc/subgid']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    const found = text
      .split('\n')
      .some((line) => [user.name, String(user.uid)].includes(line.split(':')[0] ?? ''));
    if (!found)
      throw rootlessError(
        `no ${file} range for ${user.name}`,
        `usermod --add-subuids 100000-165535 --add-subgids 100000-165535 ${user.name}`,
      );
  }
}

/**
 * rootlesskit creates tap0 for slirp4netns by opening /dev/net/tun inside the user namespace, where
 * the caller is not the device's owner: with mode 0600 (some VM images) it fails with
 * "open: Permission denied … ip tuntap add name tap0 mode tap". Debian's udev default is 0666.
 */
async function requireTunAccess(): Promise<void> {
  const info = await stat('/dev/net/tun').catch(() => undefined);
  if (!info) throw rootlessError('/dev/net/tun does not exist', 'load the tun module (modprobe tun)');
  if ((info.mode & 0o006) !== 0o006)
    throw rootlessError(
      `/dev/net/tun is mode ${(info.mode & 0o777).toString(8)}: slirp4netns cannot create tap0 in the user namespace`,
      'chmod 0666 /dev/net/tun (the Debian default), or set DOCKERD_ROOTLESS_ROOTLESSKIT_NET to another driver',
    );
}

/** The rootless user must reach its builder directory: a 0700 parent owned by root blocks it. */
async function requireTraversable(dir: string, user: RootlessUser): Promise<void> {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const info = await stat(current).catch(() => undefined);
    if (info && info.uid !== user.uid && (info.mode & 0o001) === 0)
      throw rootlessError(
        `${current} is not searchable by ${user.name} (mode ${(info.mode & 0o777).toString(8)})`,
        `chmod o+x ${current}, or set IMAGEFORGE_HOME to a directory ${user.name} can reach`,
      );
    if (current === path.dirname(current)) return;
  }
}

/** Gives the builder directory to the rootless user (the engine writes its data root there). */
export async function chownTree(dir: string, user: RootlessUser): Promise<void> {
  await chown(dir, user.uid, user.gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'data') await chownTree(child, user);
    else await chown(child, user.uid, user.gid).catch(() => undefined);
  }
}
