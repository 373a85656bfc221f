// Disk free at the engine's data root and memory available: builds fail in confusing ways (or get
// OOM-killed) long before the host is really "full".
import { statfs, readFile } from 'node:fs/promises';
import os from 'node:os';
import { formatBytes } from '../../cache/policy-text.js';
import type { DoctorContext } from '../doctor-context.js';
import { SKIPPED_WITHOUT_DAEMON, type DoctorCheck } from '../doctor-types.js';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

export function diskCheck(context: DoctorContext): DoctorCheck {
  return {
    id: 'disk',
    title: 'disk at the data root',
    run: async () => {
      const engine = await context.engine();
      if (!engine.ok) return SKIPPED_WITHOUT_DAEMON;
      const dir = engine.value.info.dockerRootDir;
      const stats = await statfs(dir).catch(() => undefined);
      if (stats === undefined)
        return { status: 'skip', finding: `data root ${dir || '?'} is not on this machine` };
      const free = stats.bavail * stats.bsize;
      const total = stats.blocks * stats.bsize;
      const config = await context.config();
      const wanted = (config.ok ? config.value?.settings.cache.minFreeSpaceBytes : undefined) ?? 5 * GiB;
      const details = { dataRoot: dir, freeBytes: free, totalBytes: total, wantedFreeBytes: wanted };
      const finding = `${formatBytes(free)} free of ${formatBytes(total)} at ${dir}`;
      const hint =
        'free space: imageforge doctor --optimize (prunes build cache per policy), docker image prune';
      if (free < 512 * MiB)
        return { status: 'fail', finding: `${finding}: builds will be refused`, hint, details };
      if (free < wanted)
        return { status: 'warn', finding: `${finding} (below ${formatBytes(wanted)})`, hint, details };
      return { status: 'ok', finding, details };
    },
  };
}

export function memoryCheck(): DoctorCheck {
  return {
    id: 'memory',
    title: 'memory',
    run: async () => {
      const available = await memAvailable();
      const total = os.totalmem();
      const details = { availableBytes: available, totalBytes: total };
      const finding = `${formatBytes(available)} available of ${formatBytes(total)}`;
      if (available < 512 * MiB)
        return {
          status: 'fail',
          finding,
          hint: 'builds risk being OOM-killed: stop other work or add memory',
          details,
        };
      if (available < 2 * GiB)
        return {
          status: 'warn',
          finding,
          hint: 'lower settings.parallel or give the builder more memory',
          details,
        };
      return { status: 'ok', finding, details };
    },
  };
}

/** MemAvailable from /proc/meminfo (what can be used without swapping), else os.freemem(). */
async function memAvailable(): Promise<number> {
  const text = await readFile('/proc/meminfo', 'utf8').catch(() => '');
  const kib = /^MemAvailable:\s+(\d+) kB/m.exec(text)?.[1];
  return kib === undefined ? os.freemem() : Number(kib) * 1024;
}
