// `imageforge config validate|schema`: check a config file without building, and print the JSON
// Schema editors use for completion.
import type { Command } from 'commander';
import { configJsonSchema } from '../../config/index.js';
import { resolvePlan } from '../../plan/plan.js';
import type { CliIo } from '../io.js';
import { addConfigFlags, loadFromFlags, type ConfigFlags } from '../options.js';

interface ValidateFlags extends ConfigFlags {
  json?: boolean;
}

export function registerConfig(program: Command, io: CliIo): void {
  const config = program.command('config').description('validate the config or print its JSON Schema');
  addConfigFlags(
    config.command('validate').description('validate imageforge.yaml, its Dockerfiles and graph'),
  )
    .option('--json', 'print the resolved config as JSON')
    .action(async (flags: ValidateFlags) => {
      const resolved = await loadFromFlags(flags);
      const plan = await resolvePlan(resolved);
      if (flags.json) {
        io.stdout.write(`${JSON.stringify(resolved, null, 2)}\n`);
        return;
      }
      for (const warning of resolved.warnings) io.stderr.write(`warning: ${warning}\n`);
      io.stdout.write(`${resolved.file}: valid (${plan.order.length} images: ${plan.order.join(', ')})\n`);
    });
  config
    .command('schema')
    .description('print the JSON Schema of imageforge.yaml')
    .action(() => {
      io.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    });
}
