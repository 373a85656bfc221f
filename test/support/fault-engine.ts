// A throwaway engine for fault-injection tests, which may be killed (SIGKILL, by its own pid) or run
// on a small tmpfs data root. Started through scripts/engine.sh like every test engine; destroy()
// stops it if it still runs, kills the build containers a killed engine leaves behind (dockerd does
// not take BuildKit's runc containers down with it), unmounts whatever it left mounted under its
// directory — deepest first, nothing outside it — and deletes the directory.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

const SCRIPT = path.join(ROOT, 'scripts/engine.sh');

export interface FaultEngineOptions {
  /** Mount a tmpfs of this many bytes as the data root (a small disk that fills up). */
  tmpfsBytes?: number;
}

export interface FaultEngine {
  name: string;
  dockerHost: string;
  dataRoot: string;
  pid(): number;
  /** SIGKILL the engine's dockerd (its containerd follows it). */
  kill(): void;
  /** Processes of build containers this engine started that are still alive (`pid: cmdline`). */
  containerProcesses(): string[];
  destroy(): void;
}

export function startFaultEngine(name: string, options: FaultEngineOptions = {}): FaultEngine {
  const dir = path.join(process.env.IMAGEFORGE_ENGINE_DIR ?? path.join(ROOT, '.engine'), name);
  const dataRoot = path.join(dir, 'data');
  const run = (...args: string[]): string =>
    execFileSync('bash', [SCRIPT, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const pid = (): number => Number(readFileSync(path.join(dir, 'docker.pid'), 'utf8').trim());
  const destroy = (): void => {
    run('down', name);
    killContainerProcesses(dir);
    unmountUnder(dir);
    rmSync(dir, { recursive: true, force: true });
  };
  destroy(); // what an earlier, interrupted test run may have left
  if (options.tmpfsBytes !== undefined) {
    mkdirSync(dataRoot, { recursive: true });
    execFileSync('mount', [
      '-t',
      'tmpfs',
      '-o',
      `size=${options.tmpfsBytes}`,
      `imageforge-${name}`,
      dataRoot,
    ]);
  }
  run('up', name);
  return {
    name,
    dockerHost: `unix://${dir}/docker.sock`,
    dataRoot,
    pid,
    kill: () => process.kill(pid(), 'SIGKILL'),
    containerProcesses: () => containerProcessesOf(dir).map(({ pid, cmdline }) => `${pid}: ${cmdline}`),
    destroy,
  };
}

/** Mount points at or below `dir` (from /proc/self/mountinfo), deepest first. */
export function mountsUnder(dir: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .map((point) =>
      point.replace(/\\(\d{3})/g, (_match, octal: string) => String.fromCharCode(parseInt(octal, 8))),
    )
    .filter((point) => point === dir || point.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
}

function unmountUnder(dir: string): void {
  for (const point of mountsUnder(dir)) {
    try {
      execFileSync('umount', [point], { stdio: 'ignore' });
    } catch {
      execFileSync('umount', ['--lazy', point], { stdio: 'ignore' });
    }
  }
}

/**
 * Processes in a mount namespace of their own whose mounts come from `dir` (a build container's
 * rootfs is an overlay of the engine's snapshots): the engine's containers, nobody else's.
 */
function containerProcessesOf(dir: string): Array<{ pid: number; cmdline: string }> {
  const ownNamespace = readlinkSync('/proc/self/ns/mnt');
  const found: Array<{ pid: number; cmdline: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/ns/mnt`) === ownNamespace) continue;
      if (!readFileSync(`/proc/${entry}/mountinfo`, 'utf8').includes(`${dir}/`)) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      found.push({ pid: Number(entry), cmdline });
    } catch {
      // ended meanwhile, or not ours to read
    }
  }
  return found;
}

function killContainerProcesses(dir: string): void {
  for (let round = 0; round < 50; round++) {
    const left = containerProcessesOf(dir);
    if (left.length === 0) return;
    for (const { pid } of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    execFileSync('sleep', ['0.1']);
  }
}
