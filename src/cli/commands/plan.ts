// `imageforge plan [images...]`: the resolved dependency graph and the exact buildx command lines,
// like `docker buildx bake --print`, without building anything.
import type { Command } from 'commander';
import { resolvePlan, printPlan } from '../../plan/plan.js';
import type { CliIo } from '../io.js';
import { cacheArgs, cacheFlags } from '../../buildx/cache-flags.js';
import { currentBranch } from '../../run/cache-plan.js';
import { addConfigFlags, loadFromFlags, type ConfigFlags } from '../options.js';

interface PlanFlags extends ConfigFlags {
  json?: boolean;
  builder?: string;
}

export function registerPlan(program: Command, io: CliIo): void {
  const command = program
    .command('plan')
    .description('print the build graph and the exact buildx commands, without building')
    .argument('[images...]', 'images to plan; default: all');
  addConfigFlags(command)
    .option('--builder <name>', 'buildx builder to use')
    .option('--json', 'machine-readable output')
    .action(async (images: string[], flags: PlanFlags) => {
      const config = await loadFromFlags(flags);
      const plan = await resolvePlan(config, { selected: images });
      const branch = await currentBranch(config.projectDir, io.env);
      const cacheArgsByImage = new Map(
        plan.order.map((name) => {
          const image = plan.images[name]?.image;
          const context = { image: name, branch, target: image?.target };
          // without an engine at hand, show what a capable engine (containerd store, BuildKit ≥ 0.12) runs
          return [
            name,
            cacheArgs(cacheFlags(image?.cache, context, { canExport: true, supportsImageManifest: true })),
          ];
        }),
      );
      const printed = printPlan(plan, {
        builder: flags.builder ?? config.settings.builder,
        cacheArgs: cacheArgsByImage,
      });
      if (flags.json) {
        io.stdout.write(`${JSON.stringify(printed, null, 2)}\n`);
        return;
      }
      const lines: string[] = [`build order: ${printed.order.join(' → ')}`, ''];
      for (const image of printed.images) {
        lines.push(
          `${image.name}${image.dependsOn.length > 0 ? `  (after ${image.dependsOn.join(', ')})` : ''}`,
        );
        for (const edge of image.edges) {
          lines.push(
            `  needs ${edge.to}: ${edge.reason === 'from' ? `FROM ${edge.ref ?? ''} (line ${edge.line ?? '?'})` : 'dependsOn'}`,
          );
        }
        lines.push(`  $ ${image.command}`, '');
      }
      io.stdout.write(lines.join('\n'));
    });
}
