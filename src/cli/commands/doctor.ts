// `imageforge doctor [--fix | --optimize | --reset] [--dry-run] [--yes] [--json]`: diagnose the build
// host and repair what is safe to repair. Thin: flags → runDoctor (src/doctor) → table or JSON.
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { runDoctor, type DoctorMode } from '../../doctor/run-doctor.js';
import { doctorJson, renderDoctorResult } from '../../doctor/doctor-output.js';
import type { PlannedRepair } from '../../doctor/apply-repairs.js';
import { DOCTOR_CHECK_IDS } from '../../doctor/doctor-checks.js';
import { closestMatch } from '../../shared/did-you-mean.js';
import type { CliIo } from '../io.js';
import { addConfigFlags, parseDurationFlag, usageError, type ConfigFlags } from '../options.js';

interface DoctorFlags extends ConfigFlags {
  fix?: boolean;
  optimize?: boolean;
  reset?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
  probeTimeout?: number;
  idleAfter?: number;
  only?: string[];
}

export function registerDoctor(program: Command, io: CliIo): void {
  addConfigFlags(
    program.command('doctor').description('diagnose the build host; --fix, --optimize or --reset it'),
  )
    .option(
      '--fix',
      'apply safe repairs (quarantine invalid plugins, create/restart builders, register emulation)',
    )
    .option('--optimize', 'reclaim space: prune build cache per policy, stop idle managed engines')
    .option('--reset', "remove imageforge's builders and their caches (nothing else)")
    .option('--dry-run', 'list what the mode would do, change nothing')
    .option('-y, --yes', 'do not ask before changing anything')
    .option('--only <ids>', 'run only these checks, comma-separated (e.g. daemon,cli-plugins)', parseCheckIds)
    .option('--json', 'machine-readable output (docs/doctor.md)')
    .option(
      '--probe-timeout <duration>',
      'bound of each daemon / CLI probe (default 8s)',
      parseDurationFlag('--probe-timeout'),
    )
    .option(
      '--idle-after <duration>',
      '--optimize: stop managed engines idle this long (default 30m)',
      parseDurationFlag('--idle-after'),
    )
    .action(async (flags: DoctorFlags, command: Command) => {
      const mode = pickMode(flags);
      const explicitFile = command.getOptionValueSource('file') !== 'default';
      const result = await runDoctor({
        env: io.env,
        mode,
        dryRun: flags.dryRun === true,
        ...(explicitFile && flags.file !== undefined ? { configFile: flags.file } : {}),
        ...(flags.profile === undefined ? {} : { profile: flags.profile }),
        set: flags.set ?? [],
        ...(flags.probeTimeout === undefined ? {} : { probeTimeoutMs: flags.probeTimeout }),
        ...(flags.idleAfter === undefined ? {} : { idleAfterMs: flags.idleAfter }),
        ...(flags.only === undefined ? {} : { only: flags.only }),
        confirm: (planned) => confirm(planned, mode, flags, io),
      });
      io.stdout.write(
        flags.json ? `${JSON.stringify(doctorJson(result), null, 2)}\n` : renderDoctorResult(result),
      );
      io.setExitCode(result.exitCode);
    });
}

function parseCheckIds(value: string): string[] {
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  for (const id of ids) {
    if ((DOCTOR_CHECK_IDS as readonly string[]).includes(id)) continue;
    const suggestion = closestMatch(id, DOCTOR_CHECK_IDS);
    throw usageError(
      `--only: unknown check "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
      `checks: ${DOCTOR_CHECK_IDS.join(', ')}`,
    );
  }
  return ids;
}

function pickMode(flags: DoctorFlags): DoctorMode {
  const modes = (['fix', 'optimize', 'reset'] as const).filter((mode) => flags[mode] === true);
  if (modes.length > 1)
    throw usageError(`--${modes.join(' and --')} cannot be combined`, 'run one mode at a time');
  return modes[0] ?? 'diagnose';
}

/** --yes, or a person at a terminal who says yes; without a terminal, refuse rather than guess. */
async function confirm(
  planned: PlannedRepair[],
  mode: DoctorMode,
  flags: DoctorFlags,
  io: CliIo,
): Promise<boolean> {
  if (flags.yes === true) return true;
  if (!process.stdin.isTTY)
    throw usageError(
      `doctor --${mode} would change ${planned.length} thing${planned.length > 1 ? 's' : ''} and there is no terminal to ask`,
      `review with --dry-run, then pass --yes`,
    );
  io.stderr.write(
    `doctor --${mode} will:\n${planned.map((item) => `  - ${item.repair.description}\n`).join('')}`,
  );
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question('Proceed? [y/N] ')).trim());
  } finally {
    prompt.close();
  }
}
