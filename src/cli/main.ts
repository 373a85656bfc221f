// CLI entry: builds the commander program, runs it, and maps every outcome to an exit code. The only
// module that knows about exit codes and error rendering; commands stay thin over the library.
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { registerBuild } from './commands/build.js';
import { registerPlan } from './commands/plan.js';
import { registerConfig } from './commands/config.js';
import { registerBuilder } from './commands/builder.js';
import { registerCache } from './commands/cache.js';
import { registerScan } from './commands/scan.js';
import { registerTest } from './commands/test.js';
import { registerHistory } from './commands/history.js';
import { registerServe } from './commands/serve.js';
import { registerPlugins } from './commands/plugins.js';
import { registerDoctor } from './commands/doctor.js';
import { ExitCode, exitCodeForError } from './exit-code.js';
import { renderError } from './render-error.js';
import type { CliIo } from './io.js';

export function createProgram(io: CliIo): Command {
  const program = new Command('imageforge')
    .description('Build, verify and publish container images with Docker BuildKit')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  registerBuild(program, io);
  registerPlan(program, io);
  registerConfig(program, io);
  registerBuilder(program, io);
  registerCache(program, io);
  registerScan(program, io);
  registerTest(program, io);
  registerHistory(program, io);
  registerServe(program, io);
  registerPlugins(program, io);
  registerDoctor(program, io);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[], partialIo: Partial<CliIo> = {}): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const io: CliIo = {
    stdout: partialIo.stdout ?? process.stdout,
    stderr: partialIo.stderr ?? process.stderr,
    env: partialIo.env ?? process.env,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  try {
    await createProgram(io).parseAsync(argv);
    return exitCode;
  } catch (error: unknown) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    io.stderr.write(`${renderError(error, io.env)}\n`);
    return exitCodeForError(error);
  }
}
