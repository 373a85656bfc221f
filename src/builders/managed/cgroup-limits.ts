// Resource limits for a managed engine's build steps: a cgroup per builder that dockerd uses as
// `--cgroup-parent`. BuildKit's RUN containers (docker driver) land in `<parent>/buildkit/<id>`
// (verified on Docker 28.5, cgroup v1), so a memory limit on the parent OOM-kills a RUN step.
import { existsSync } from 'node:fs';
import { mkdir, readdir, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface CgroupLimitsRequest {
  /** Used for the cgroup's name: `imageforge-<name>`. */
  name: string;
  memoryBytes: number | undefined;
  cpus: number | undefined;
  /** Root of the cgroup filesystem; tests point it elsewhere. */
  cgroupRoot?: string;
}

export interface CgroupLimitsResult {
  /** Value for dockerd `--cgroup-parent`; undefined when no limit could be applied. */
  cgroupParent: string | undefined;
  version: 1 | 2 | undefined;
  applied: { memoryBytes?: number; cpus?: number };
  warnings: string[];
}

const CPU_PERIOD_US = 100_000;

export function cgroupName(name: string): string {
  return `imageforge-${name}`;
}

/** 2 for a unified hierarchy, 1 for the legacy per-controller mounts, undefined without cgroups. */
export function detectCgroupVersion(cgroupRoot = '/sys/fs/cgroup'): 1 | 2 | undefined {
  if (existsSync(path.join(cgroupRoot, 'cgroup.controllers'))) return 2;
  if (existsSync(path.join(cgroupRoot, 'memory')) || existsSync(path.join(cgroupRoot, 'cpu'))) return 1;
  return undefined;
}

/** Creates (or updates) the builder's cgroup with the requested limits. Never throws. */
export async function applyCgroupLimits(request: CgroupLimitsRequest): Promise<CgroupLimitsResult> {
  const root = request.cgroupRoot ?? '/sys/fs/cgroup';
  const version = detectCgroupVersion(root);
  const result: CgroupLimitsResult = { cgroupParent: undefined, version, applied: {}, warnings: [] };
  if (request.memoryBytes === undefined && request.cpus === undefined) return result;
  const group = cgroupName(request.name);
  if (version === undefined) {
    result.warnings.push(`no cgroup filesystem at ${root}: builder resources are not enforced`);
    return result;
  }
  const writes = version === 2 ? v2Writes(root, group, request) : v1Writes(root, group, request);
  for (const write of writes) {
    try {
      await mkdir(path.dirname(write.file), { recursive: true });
      await writeFile(write.file, write.value);
      Object.assign(result.applied, write.applies);
    } catch (error: unknown) {
      result.warnings.push(`cannot write ${write.file}: ${(error as Error).message}`);
    }
  }
  if (Object.keys(result.applied).length > 0) result.cgroupParent = `/${group}`;
  return result;
}

interface CgroupWrite {
  file: string;
  value: string;
  applies: { memoryBytes?: number; cpus?: number };
}

function v2Writes(root: string, group: string, request: CgroupLimitsRequest): CgroupWrite[] {
  const dir = path.join(root, group);
  const controllers = [request.memoryBytes !== undefined ? '+memory' : '', request.cpus ? '+cpu' : '']
    .filter(Boolean)
    .join(' ');
  const writes: CgroupWrite[] = [
    { file: path.join(root, 'cgroup.subtree_control'), value: controllers, applies: {} },
    // children (…/buildkit/<id>) need the controllers too
    { file: path.join(dir, 'cgroup.subtree_control'), value: controllers, applies: {} },
  ];
  if (request.memoryBytes !== undefined) {
    const memoryBytes = request.memoryBytes;
    writes.splice(1, 0, {
      file: path.join(dir, 'memory.max'),
      value: String(memoryBytes),
      applies: { memoryBytes },
    });
    writes.splice(2, 0, { file: path.join(dir, 'memory.swap.max'), value: '0', applies: {} });
  }
  if (request.cpus) {
    const cpus = request.cpus;
    const quota = Math.max(1000, Math.round(cpus * CPU_PERIOD_US));
    writes.splice(1, 0, {
      file: path.join(dir, 'cpu.max'),
      value: `${quota} ${CPU_PERIOD_US}`,
      applies: { cpus },
    });
  }
  return writes;
}

function v1Writes(root: string, group: string, request: CgroupLimitsRequest): CgroupWrite[] {
  const writes: CgroupWrite[] = [];
  if (request.memoryBytes !== undefined) {
    const memoryBytes = request.memoryBytes;
    const file = path.join(root, 'memory', group, 'memory.limit_in_bytes');
    writes.push({ file, value: String(memoryBytes), applies: { memoryBytes } });
  }
  if (request.cpus) {
    const cpus = request.cpus;
    const dir = path.join(root, 'cpu', group);
    const quota = Math.max(1000, Math.round(cpus * CPU_PERIOD_US));
    writes.push({ file: path.join(dir, 'cpu.cfs_period_us'), value: String(CPU_PERIOD_US), applies: {} });
    writes.push({ file: path.join(dir, 'cpu.cfs_quota_us'), value: String(quota), applies: { cpus } });
  }
  return writes;
}

/** Removes the builder's (now empty) cgroups after its engine stopped. Best effort. */
export async function removeCgroupLimits(name: string, cgroupRoot = '/sys/fs/cgroup'): Promise<void> {
  const group = cgroupName(name);
  // dockerd creates `<parent>/buildkit` in every v1 hierarchy (systemd and unified included)
  const hierarchies = await readdir(cgroupRoot, { withFileTypes: true }).catch(() => []);
  const candidates = [path.join(cgroupRoot, group)];
  for (const entry of hierarchies)
    if (entry.isDirectory()) candidates.push(path.join(cgroupRoot, entry.name, group));
  for (const dir of candidates) await removeEmptyTree(dir);
}

async function removeEmptyTree(dir: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) if (entry.isDirectory()) await removeEmptyTree(path.join(dir, entry.name));
  try {
    await rmdir(dir);
  } catch {
    // still has processes, or not ours to remove: leave it
  }
}
