// The managed engines imageforge started on this host: every directory under <home>/builders that
// holds an engine layout. Doctor's --optimize stops the idle ones and --reset removes them all;
// both act only on these directories, which imageforge alone creates.
import { readdir, stat } from 'node:fs/promises';
import { createDockerClient } from '../docker/docker-client.js';
import { managedLayout, type ManagedLayout } from '../builders/managed/managed-layout.js';
import { runningEnginePid } from '../builders/managed/managed-engine.js';
import { readManagedState } from '../builders/managed/managed-state.js';
import { withTimeout } from '../shared/with-timeout.js';

export interface ManagedEngine {
  name: string;
  layout: ManagedLayout;
  pid: number | undefined;
}

export async function listManagedEngines(home: string): Promise<ManagedEngine[]> {
  const names = await readdir(`${home}/builders`).catch(() => [] as string[]);
  const engines: ManagedEngine[] = [];
  for (const name of names.sort()) {
    const layout = managedLayout(name, home);
    const isEngine = await stat(layout.dataRoot).then(
      (stats) => stats.isDirectory(),
      () => false,
    );
    if (isEngine) engines.push({ name, layout, pid: await runningEnginePid(layout) });
  }
  return engines;
}

export interface EngineActivity {
  /** A build holds cache records right now. */
  building: boolean;
  /** Last time BuildKit used a cache record, else when the engine started. */
  lastActivity: Date | undefined;
}

/** What the engine's own build cache says about recent work (a running build holds records in use). */
export async function engineActivity(engine: ManagedEngine, timeoutMs: number): Promise<EngineActivity> {
  const client = await createDockerClient(
    { host: engine.layout.dockerHost, context: undefined, source: 'DOCKER_HOST' },
    timeoutMs,
  );
  const entries = await withTimeout(client.buildCacheUsage(), timeoutMs, `managed engine ${engine.name}`);
  const used = entries
    .map((entry) => Date.parse(entry.lastUsedAt ?? entry.createdAt))
    .filter(Number.isFinite);
  const startedAt = Date.parse((await readManagedState(engine.layout.dir))?.startedAt ?? '');
  const latest = Math.max(...used, Number.isFinite(startedAt) ? startedAt : 0);
  return {
    building: entries.some((entry) => entry.inUse),
    lastActivity: latest > 0 ? new Date(latest) : undefined,
  };
}
