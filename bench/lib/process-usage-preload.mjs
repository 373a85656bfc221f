// Preloaded into the measured imageforge process (`node --import ./bench/lib/process-usage-preload.mjs
// bin/imageforge.js …`): when IMAGEFORGE_BENCH_USAGE_FILE is set, writes at exit what this node
// process itself used — getrusage(RUSAGE_SELF): user/system CPU of all its threads and its peak
// RSS — plus, from /proc/self/stat, the CPU of the child processes it waited for (buildx, docker,
// git). The children are reported apart: they are BuildKit's client, not imageforge's own work.
import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env.IMAGEFORGE_BENCH_USAGE_FILE;

/** cutime + cstime (fields 16 and 17 of /proc/self/stat), in clock ticks; undefined off Linux. */
function childrenTicks() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // the command name (field 2) may hold spaces: count fields after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[13]) + Number(fields[14]);
  } catch {
    return undefined;
  }
}

if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const ticks = childrenTicks();
    const record = {
      pid: process.pid,
      userCpuMicros: usage.userCPUTime,
      systemCpuMicros: usage.systemCPUTime,
      maxRssKilobytes: usage.maxRSS,
      // USER_HZ is 100 on every Linux this runs on (sysconf(_SC_CLK_TCK) is not reachable from node)
      childrenCpuMicros: ticks === undefined ? undefined : ticks * 10_000,
      uptimeMicros: Math.round(process.uptime() * 1e6),
    };
    try {
      writeFileSync(file, `${JSON.stringify(record)}\n`);
    } catch {
      // measuring must never change the measured run's outcome
    }
  });
}
