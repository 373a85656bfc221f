// `imageforge plugins ls|clean|restore`: the docker CLI plugin audit on its own (doctor runs the same
// audit). Thin: flags → src/plugins → table or JSON. `clean` changes plugin directories, so it asks
// first, and refuses without --yes where it cannot ask.
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { auditCliPlugins } from '../../plugins/audit-cli-plugins.js';
import { listQuarantines, quarantinePlugins, restoreQuarantine } from '../../plugins/plugin-quarantine.js';
import { pluginAuditText, quarantineText, restoreText, statusCounts } from '../../plugins/plugins-text.js';
import { pluginAuditJson, quarantineJson, restoreJson } from '../../plugins/plugins-json.js';
import { defaultImageforgeHome } from '../../builders/managed/managed-layout.js';
import { ExitCode } from '../exit-code.js';
import type { CliIo } from '../io.js';
import { usageError } from '../options.js';

interface PluginsFlags {
  json?: boolean;
  dryRun?: boolean;
  yes?: boolean;
}

export function registerPlugins(program: Command, io: CliIo): void {
  const plugins = program
    .command('plugins')
    .description('audit docker CLI plugins; quarantine invalid ones (reversibly)');
  const home = (): string => defaultImageforgeHome(io.env);

  plugins
    .command('ls')
    .description('every docker-<name> the docker CLI finds: ok, invalid or shadowed (exit 1 if any invalid)')
    .option('--json', 'machine-readable output (docs/doctor.md)')
    .action(async (flags: PluginsFlags) => {
      const audit = await auditCliPlugins({ env: io.env });
      const quarantines = await listQuarantines(home());
      for (const warning of audit.warnings) io.stderr.write(`warning: ${warning}\n`);
      io.stdout.write(
        flags.json
          ? `${JSON.stringify(pluginAuditJson(audit, quarantines), null, 2)}\n`
          : pluginAuditText(audit, quarantines),
      );
      if (statusCounts(audit).invalid > 0) io.setExitCode(ExitCode.Failed);
    });

  plugins
    .command('clean')
    .description('move invalid plugins into <home>/plugin-quarantine/<id> (undo: plugins restore)')
    .option('--dry-run', 'say what would move, move nothing')
    .option('--yes', 'do not ask (required without a terminal)')
    .option('--json', 'machine-readable output (docs/doctor.md)')
    .action(async (flags: PluginsFlags) => {
      const audit = await auditCliPlugins({ env: io.env });
      const shadowed = statusCounts(audit).shadowed;
      const plan = await quarantinePlugins(audit.plugins, { home: home(), dryRun: true });
      const needsAnswer = plan.moved.length > 0 && flags.dryRun !== true && flags.yes !== true;
      if (needsAnswer && !(await confirmMoves(plan.moved.length, io))) {
        io.stderr.write('nothing moved\n');
        return;
      }
      const result = flags.dryRun ? plan : await quarantinePlugins(audit.plugins, { home: home() });
      io.stdout.write(
        flags.json
          ? `${JSON.stringify(quarantineJson(result, shadowed), null, 2)}\n`
          : quarantineText(result, shadowed),
      );
    });

  plugins
    .command('restore')
    .description('move a quarantine back where it came from (default: the latest)')
    .argument('[id]', 'quarantine id, as printed by `plugins clean`')
    .option('--dry-run', 'say what would move, move nothing')
    .option('--json', 'machine-readable output (docs/doctor.md)')
    .action(async (id: string | undefined, flags: PluginsFlags) => {
      const result = await restoreQuarantine(home(), id, { dryRun: flags.dryRun });
      io.stdout.write(flags.json ? `${JSON.stringify(restoreJson(result), null, 2)}\n` : restoreText(result));
    });
}

/** Asks on a terminal; without one (CI, pipes) refuses: moving files must be asked for explicitly. */
async function confirmMoves(count: number, io: CliIo): Promise<boolean> {
  if (process.stdin.isTTY !== true)
    throw usageError(
      `plugins clean would move ${count} plugin${count === 1 ? '' : 's'} and needs confirmation`,
      'pass --yes to quarantine without asking (or --dry-run to see what would move)',
    );
  const prompt = createInterface({ input: process.stdin, output: io.stderr });
  try {
    const answer = await prompt.question(
      `quarantine ${count} invalid plugin${count === 1 ? '' : 's'}? [y/N] `,
    );
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
