// argv of a managed engine, built apart from spawning it so unit tests can assert it exactly.
import type { ManagedLayout } from './managed-layout.js';

export interface DockerdArgsOptions {
  cgroupParent?: string | undefined;
}

/** Arguments for `dockerd` (or `dockerd-rootless.sh`, which passes them through). */
export function managedDockerdArgs(layout: ManagedLayout, options: DockerdArgsOptions = {}): string[] {
  return [
    '--config-file',
    layout.daemonJson,
    '--data-root',
    layout.dataRoot,
    '--exec-root',
    layout.execRoot,
    '--host',
    layout.dockerHost,
    '--pidfile',
    layout.pidFile,
    ...(options.cgroupParent ? ['--cgroup-parent', options.cgroupParent] : []),
  ];
}
