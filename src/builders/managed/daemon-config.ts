// The daemon.json of a managed engine. The content (GC policy, entitlements, mirrors) comes from
// the shared renderer (../daemon-json.ts); keys imageforge passes as dockerd flags are dropped so
// dockerd never sees a directive twice and the data root stays visible in the process's argv,
// which is how `down` recognises its own dockerd.
import type { BuilderConfig, CachePolicy } from '../../config/types.js';
import {
  resolveManagedDaemonConfig,
  type ManagedDaemonConfig,
  type ManagedDaemonOptions,
} from '../daemon-json.js';
import type { ManagedLayout } from './managed-layout.js';

/** daemon.json keys owned by dockerd flags (see managedDockerdArgs). */
const FLAG_KEYS = ['data-root', 'exec-root', 'hosts', 'pidfile', 'cgroup-parent'];

export type DaemonConfigResolver = (
  builder: BuilderConfig,
  options: ManagedDaemonOptions,
) => ManagedDaemonConfig;

export interface DaemonConfigOptions {
  production: boolean;
  cachePolicy?: CachePolicy | undefined;
  /** The dockerd that reads the file (older engines get older GC keys). */
  engineVersion?: string | undefined;
  /** Replaces the shared renderer (tests). */
  resolve?: DaemonConfigResolver;
}

export interface ManagedDaemonJson {
  text: string;
  /** Settings the production policy refused or daemon.json cannot express. */
  warnings: string[];
}

export function managedDaemonJson(
  builder: BuilderConfig,
  layout: ManagedLayout,
  options: DaemonConfigOptions,
): ManagedDaemonJson {
  const resolve = options.resolve ?? resolveManagedDaemonConfig;
  const resolved = resolve(builder, {
    dataRoot: layout.dataRoot,
    execRoot: layout.execRoot,
    host: layout.dockerHost,
    production: options.production,
    ...(options.cachePolicy ? { cachePolicy: options.cachePolicy } : {}),
    engineVersion: options.engineVersion,
  });
  const document = { ...resolved.daemonJson };
  for (const key of FLAG_KEYS) delete document[key];
  return { text: `${JSON.stringify(document, null, 2)}\n`, warnings: resolved.warnings };
}
