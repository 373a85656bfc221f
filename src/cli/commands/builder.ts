// `imageforge builder ls|inspect|create|rm|use|up|down|config`: the builders declared under
// `builders:` and their live state. Thin over src/builders: parse → call the library → render.
import type { Command } from 'commander';
import type { BuilderConfig, ResolvedConfig } from '../../config/types.js';
import { unknownBuilderError } from '../../builders/builder-errors.js';
import { builderStatuses } from '../../builders/builder-status.js';
import { builderDetails, builderTable } from '../../builders/builder-status-text.js';
import {
  builderBuildkitdConfig,
  downBuilder,
  removeConfiguredBuilder,
  upBuilder,
  type UpResult,
} from '../../builders/builder-actions.js';
import { buildxBuilderName, useBuilder } from '../../builders/buildx-builders.js';
import { defaultImageforgeHome } from '../../builders/managed/managed-layout.js';
import type { CliIo } from '../io.js';
import { addConfigFlags, loadFromFlags, type ConfigFlags } from '../options.js';

interface BuilderFlags extends ConfigFlags {
  json?: boolean;
  recreate?: boolean;
  production?: boolean;
}

function pickBuilder(config: ResolvedConfig, name: string): BuilderConfig {
  const builder = config.builders[name];
  if (!builder) throw unknownBuilderError(name, Object.keys(config.builders));
  return builder;
}

function isProduction(config: ResolvedConfig, flags: BuilderFlags): boolean {
  return flags.production === true || config.settings.policy === 'production';
}

export function registerBuilder(program: Command, io: CliIo): void {
  const builder = program.command('builder').description('manage the builders declared under `builders:`');
  const home = (): string => defaultImageforgeHome(io.env);
  const sub = (name: string, description: string): Command =>
    addConfigFlags(builder.command(name).description(description));

  sub('ls', 'configured builders and their live state')
    .option('--json', 'machine-readable output')
    .action(async (flags: BuilderFlags) => {
      const config = await loadFromFlags(flags);
      const statuses = await builderStatuses(config, { home: home(), env: io.env });
      io.stdout.write(flags.json ? `${JSON.stringify(statuses, null, 2)}\n` : `${builderTable(statuses)}\n`);
    });

  sub('inspect', 'one builder in detail: nodes, BuildKit, platforms, GC policy, drift')
    .argument('<name>')
    .option('--json', 'machine-readable output')
    .action(async (name: string, flags: BuilderFlags) => {
      const config = await loadFromFlags(flags);
      pickBuilder(config, name);
      const [status] = await builderStatuses(config, { home: home(), env: io.env, names: [name] });
      if (!status) return;
      io.stdout.write(flags.json ? `${JSON.stringify(status, null, 2)}\n` : `${builderDetails(status)}\n`);
    });

  for (const [verb, description] of [
    ['create', 'create or reuse the builder (a managed builder is started)'],
    ['up', 'start a managed builder; create or reuse any other'],
  ] as const) {
    sub(verb, description)
      .argument('<name>')
      .option('--recreate', 'remove and recreate a builder that drifted from the config')
      .option('--production', 'apply the production hardening policy')
      .action(async (name: string, flags: BuilderFlags) => {
        const config = await loadFromFlags(flags);
        const result = await upBuilder(pickBuilder(config, name), {
          home: home(),
          production: isProduction(config, flags),
          recreate: flags.recreate ?? false,
          cachePolicy: config.settings.cache,
          env: io.env,
        });
        renderUp(io, name, result);
      });
  }

  sub('down', 'stop a managed builder')
    .argument('<name>')
    .action(async (name: string, flags: BuilderFlags) => {
      const config = await loadFromFlags(flags);
      const stopped = await downBuilder(pickBuilder(config, name), { home: home() });
      io.stdout.write(
        stopped.wasRunning
          ? `builder ${name}: stopped engine pid ${stopped.pid ?? '?'}${stopped.killed ? ' (SIGKILL after grace period)' : ''}\n`
          : `builder ${name}: not running\n`,
      );
    });

  sub('rm', 'remove what imageforge created for the builder (a managed data root is kept)')
    .argument('<name>')
    .action(async (name: string, flags: BuilderFlags) => {
      const config = await loadFromFlags(flags);
      const done = await removeConfiguredBuilder(pickBuilder(config, name), { home: home(), env: io.env });
      io.stdout.write(`builder ${name}: ${done.length > 0 ? done.join(', ') : 'nothing to remove'}\n`);
    });

  sub('use', 'make the builder the current buildx builder')
    .argument('<name>')
    .action(async (name: string, flags: BuilderFlags) => {
      const config = await loadFromFlags(flags);
      const buildxName = buildxBuilderName(pickBuilder(config, name));
      await useBuilder(buildxName, io.env);
      io.stdout.write(`builder ${name}: current buildx builder is now ${buildxName}\n`);
    });

  sub('config', 'print the buildkitd.toml for the builder (for its detected BuildKit version)')
    .argument('<name>')
    .option('--production', 'apply the production hardening policy')
    .action(async (name: string, flags: BuilderFlags) => {
      const config = await loadFromFlags(flags);
      const rendered = await builderBuildkitdConfig(pickBuilder(config, name), {
        production: isProduction(config, flags),
        env: io.env,
      });
      for (const warning of rendered.warnings) io.stderr.write(`warning: ${warning}\n`);
      io.stdout.write(rendered.toml);
    });
}

function renderUp(io: CliIo, name: string, result: UpResult): void {
  if (result.kind === 'managed') {
    const started = result.started;
    for (const warning of started.warnings) io.stderr.write(`warning: ${warning}\n`);
    const verb = started.reused ? 'already running' : 'started';
    io.stdout.write(
      `builder ${name}: ${verb} (pid ${started.pid}, ${started.dockerHost}${started.rootless ? ', rootless' : ''}); ` +
        `docker context / buildx builder ${started.context}\n`,
    );
    return;
  }
  const ensured = result.ensured;
  for (const warning of ensured.warnings) io.stderr.write(`warning: ${warning}\n`);
  io.stdout.write(`builder ${name}: ${ensured.action} (buildx builder ${ensured.name})\n`);
}
