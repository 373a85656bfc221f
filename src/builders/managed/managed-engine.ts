// Lifecycle of a managed builder: a dedicated Docker Engine per builder (own data root, exec root,
// socket), started detached so it outlives the CLI, registered as docker context
// `imageforge-<name>`, and stopped only after proving the pidfile's pid is still that engine.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { BuilderConfig, CachePolicy } from '../../config/types.js';
import { ensureDockerContext, type ContextAction } from '../docker-context.js';
import { engineStartError, missingDockerdError } from '../builder-errors.js';
import { applyCgroupLimits, type CgroupLimitsResult } from './cgroup-limits.js';
import { managedDaemonJson, type DaemonConfigResolver } from './daemon-config.js';
import { managedDockerdArgs } from './dockerd-args.js';
import { dockerdVersion } from './dockerd-version.js';
import { engineVersion, pingEngine, waitForEngine } from './engine-ping.js';
import { findExecutable } from './find-executable.js';
import { managedContextName, managedLayout, type ManagedLayout } from './managed-layout.js';
import { readManagedState, writeManagedState } from './managed-state.js';
import { isAlive, isOurProcess, processArgv, readPidFile } from './process-identity.js';
import { chownTree, prepareRootless, type RootlessLaunch } from './rootless.js';
import { spawnDaemon, type SpawnedDaemon } from './spawn-daemon.js';

export interface ManagedBuilderOptions {
  /** IMAGEFORGE_HOME (see defaultImageforgeHome). */
  home: string;
  production: boolean;
  env?: Record<string, string | undefined>;
  cachePolicy?: CachePolicy;
  /** How long to wait for `/_ping` after spawning; default 60 s. */
  startTimeoutMs?: number;
  /** Replaces the shared daemon.json renderer (tests). */
  resolveDaemonConfig?: DaemonConfigResolver;
}

export interface StartedManagedBuilder {
  name: string;
  dockerHost: string;
  /** docker context (and docker-driver buildx builder) name. */
  context: string;
  pid: number;
  dataRoot: string;
  logFile: string;
  /** True when an engine was already running and was reused. */
  reused: boolean;
  rootless: boolean;
  contextAction: ContextAction;
  /** Limits applied to build steps; undefined when the engine was reused or has none. */
  cgroup: CgroupLimitsResult | undefined;
  /** daemon.json settings refused or not expressible, and limits the host could not apply. */
  warnings: string[];
}

export interface ManagedBuilderStatus {
  name: string;
  running: boolean;
  pid: number | undefined;
  dockerHost: string;
  healthy: boolean;
  engineVersion?: string | undefined;
  dataRoot: string;
  logFile: string;
  rootless: boolean;
}

const DEFAULT_START_TIMEOUT_MS = 60_000;

/** The pid of this builder's live dockerd, or undefined (no pidfile, dead, or a reused pid). */
export async function runningEnginePid(layout: ManagedLayout): Promise<number | undefined> {
  const pid = await readPidFile(layout.pidFile);
  if (pid === undefined || !isAlive(pid) || processArgv(pid) === undefined) return undefined;
  return isOurProcess(pid, 'dockerd', layout.dataRoot) ? pid : undefined;
}

export async function startManagedBuilder(
  builder: BuilderConfig,
  options: ManagedBuilderOptions,
): Promise<StartedManagedBuilder> {
  const layout = managedLayout(builder.name, options.home);
  const env = options.env ?? process.env;
  const deadlineMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  let pid = await runningEnginePid(layout);
  let launched: LaunchResult | undefined;
  const reused = pid !== undefined;
  if (pid !== undefined) {
    if ((await waitForEngine(layout.socket, { deadlineMs })) !== 'ready')
      throw engineStartError(
        `managed builder ${builder.name}: engine pid ${pid} runs but does not answer /_ping after ${deadlineMs}ms`,
        layout.logFile,
        await readLog(layout),
      );
  } else {
    launched = await launchEngine(builder, layout, options, env, deadlineMs);
    pid = await runningEnginePid(layout);
    if (pid === undefined)
      throw engineStartError(
        `managed builder ${builder.name}: engine answers but its pidfile ${layout.pidFile} names no dockerd`,
        layout.logFile,
        await readLog(layout),
      );
  }
  const context = managedContextName(builder.name);
  const contextAction = await ensureDockerContext(context, layout.dockerHost, env);
  const state = await readManagedState(layout.dir);
  return {
    name: builder.name,
    dockerHost: layout.dockerHost,
    context,
    pid,
    dataRoot: layout.dataRoot,
    logFile: layout.logFile,
    reused,
    rootless: state?.rootless ?? builder.rootless,
    contextAction,
    cgroup: launched?.cgroup,
    warnings: launched?.warnings ?? [],
  };
}

interface LaunchResult {
  cgroup: CgroupLimitsResult | undefined;
  warnings: string[];
}

/** Prepares the directory, spawns dockerd (or dockerd-rootless.sh) and waits for `/_ping`. */
async function launchEngine(
  builder: BuilderConfig,
  layout: ManagedLayout,
  options: ManagedBuilderOptions,
  env: Record<string, string | undefined>,
  deadlineMs: number,
): Promise<LaunchResult> {
  const rootless = builder.rootless ? await prepareRootless(layout, env) : undefined;
  if (!findExecutable('dockerd', env)) throw missingDockerdError();
  for (const dir of [layout.dir, layout.dataRoot, layout.execRoot]) await mkdir(dir, { recursive: true });
  // a stale pidfile (crash, reboot) makes dockerd refuse to start if its pid was reused
  await rm(layout.pidFile, { force: true });
  const daemonJson = managedDaemonJson(builder, layout, {
    production: options.production,
    cachePolicy: options.cachePolicy,
    engineVersion: await dockerdVersion(env),
    ...(options.resolveDaemonConfig ? { resolve: options.resolveDaemonConfig } : {}),
  });
  await writeFile(layout.daemonJson, daemonJson.text);
  // rootless engines on cgroup v1 run without cgroups ("Cgroup Driver: none"), so no parent for them
  const cgroup = rootless ? undefined : await applyCgroupLimits({ name: builder.name, ...builder.resources });
  await writeManagedState(layout.dir, {
    rootless: rootless !== undefined,
    production: options.production,
    ...(rootless ? { user: rootless.user.name } : {}),
    ...(cgroup?.cgroupParent ? { cgroupParent: cgroup.cgroupParent } : {}),
    startedAt: new Date().toISOString(),
  });
  const args = managedDockerdArgs(layout, { cgroupParent: cgroup?.cgroupParent });
  const daemon = rootless
    ? await spawnRootless(layout, rootless, args)
    : await spawnDaemon({ command: 'dockerd', args, logFile: layout.logFile, env: { ...env } });
  const outcome = await waitForEngine(layout.socket, { deadlineMs, exited: daemon.exited });
  const warnings = [...daemonJson.warnings, ...(cgroup?.warnings ?? [])];
  if (
    builder.rootless &&
    (builder.resources.memoryBytes !== undefined || builder.resources.cpus !== undefined)
  )
    warnings.push(
      `builders.${builder.name}.resources: not enforced for a rootless engine (it runs without a cgroup parent)`,
    );
  if (outcome === 'ready') return { cgroup, warnings };
  // we started it: stop exactly that process before reporting
  if (outcome === 'timeout' && isAlive(daemon.pid)) process.kill(daemon.pid, 'SIGKILL');
  const why =
    outcome === 'exited' ? 'exited during start-up' : `did not answer /_ping within ${deadlineMs}ms`;
  throw engineStartError(
    `managed builder ${builder.name}: engine ${why}`,
    layout.logFile,
    await readLog(layout),
  );
}

/** dockerd-rootless.sh as the unprivileged user, in a directory that user owns. */
async function spawnRootless(
  layout: ManagedLayout,
  rootless: RootlessLaunch,
  args: string[],
): Promise<SpawnedDaemon> {
  await mkdir(layout.runtimeDir, { recursive: true, mode: 0o700 });
  await writeFile(layout.logFile, '', { flag: 'a' });
  await chownTree(layout.dir, rootless.user);
  const daemon = await spawnDaemon({
    command: rootless.script,
    args,
    logFile: layout.logFile,
    env: rootless.env,
    ...(rootless.switchUser ? { uid: rootless.user.uid, gid: rootless.user.gid } : {}),
  });
  await writeFile(layout.launcherPidFile, `${daemon.pid}\n`);
  return daemon;
}

async function readLog(layout: ManagedLayout): Promise<string> {
  return readFile(layout.logFile, 'utf8').catch(() => '');
}

export async function managedBuilderStatus(
  name: string,
  options: { home: string },
): Promise<ManagedBuilderStatus> {
  const layout = managedLayout(name, options.home);
  const pid = await runningEnginePid(layout);
  const healthy = pid !== undefined && (await pingEngine(layout.socket));
  const state = await readManagedState(layout.dir);
  return {
    name,
    running: pid !== undefined,
    pid,
    dockerHost: layout.dockerHost,
    healthy,
    engineVersion: healthy ? await engineVersion(layout.socket) : undefined,
    dataRoot: layout.dataRoot,
    logFile: layout.logFile,
    rootless: state?.rootless ?? false,
  };
}
