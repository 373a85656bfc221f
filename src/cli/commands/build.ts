// `imageforge build [images...]`: parse flags → runBuild → render progress on stderr, the summary
// table (or report.json with --json) on stdout.
import type { Command } from 'commander';
import { runBuild } from '../../run/run-build.js';
import { createProgressRenderer } from '../../progress/progress-renderer.js';
import { resolveProgressMode, colorEnabled } from '../../progress/progress-mode.js';
import { renderSummaryTable } from '../../report/summary-table.js';
import { exitCodeForRun } from '../exit-code.js';
import type { CliIo } from '../io.js';
import {
  addConfigFlags,
  loadFromFlags,
  parseChoice,
  parseDurationFlag,
  parseNumberFlag,
  parsePositiveInt,
  type ConfigFlags,
} from '../options.js';

interface BuildFlags extends ConfigFlags {
  push?: boolean;
  parallel?: number;
  failFast?: boolean;
  legacy?: boolean;
  batch: boolean;
  gates: boolean;
  force?: boolean;
  reportDir?: string;
  json?: boolean;
  progress: 'auto' | 'tty' | 'plain' | 'quiet';
  timeout?: number;
  retryAttempts?: number;
  retryDelay?: number;
  retryFactor?: number;
  retryMaxDelay?: number;
  builder?: string;
}

export function registerBuild(program: Command, io: CliIo): void {
  const command = program
    .command('build')
    .description('build the configured images (and what they depend on) with BuildKit')
    .argument('[images...]', 'images to build; default: all');
  addConfigFlags(command)
    .option('--push', 'publish every image after the whole set built')
    .option('--parallel <n>', 'max images building at once', parsePositiveInt('--parallel'))
    .option('--fail-fast', 'stop everything at the first failure')
    .option('--legacy', 'build with the classic builder instead of BuildKit')
    .option('--no-batch', 'build one image per buildx process (no shared bake session)')
    .option('--force', 'build every image, even those whose inputs did not change')
    .option('--no-gates', 'skip tests, scans and signing (refused under the production policy)')
    .option('--builder <name>', 'buildx builder to use')
    .option('--report-dir <dir>', 'write report.json, report.yaml and junit.xml here')
    .option('--json', 'print report.json on stdout (progress stays on stderr)')
    .option(
      '--progress <mode>',
      'auto | tty | plain | quiet',
      parseChoice('--progress', ['auto', 'tty', 'plain', 'quiet'] as const),
      'auto',
    )
    .option('--timeout <duration>', 'timeout for the whole run, e.g. 30m', parseDurationFlag('--timeout'))
    .option(
      '--retry-attempts <n>',
      'attempts per image for transient failures',
      parsePositiveInt('--retry-attempts'),
    )
    .option('--retry-delay <duration>', 'initial backoff delay', parseDurationFlag('--retry-delay'))
    .option('--retry-factor <x>', 'backoff factor', parseNumberFlag('--retry-factor'))
    .option('--retry-max-delay <duration>', 'maximum backoff delay', parseDurationFlag('--retry-max-delay'))
    .action(async (images: string[], flags: BuildFlags) => {
      io.setExitCode(await build(images, flags, io));
    });
}

async function build(images: string[], flags: BuildFlags, io: CliIo): Promise<number> {
  const config = await loadFromFlags(flags);
  if (flags.builder) config.settings.builder = flags.builder;
  const mode = resolveProgressMode(flags.progress, io.stderr, io.env);
  const renderer = createProgressRenderer(mode, io.stderr, { color: colorEnabled(io.stderr, io.env) });
  const retry = {
    ...(flags.retryAttempts !== undefined ? { attempts: flags.retryAttempts } : {}),
    ...(flags.retryDelay !== undefined ? { initialDelayMs: flags.retryDelay } : {}),
    ...(flags.retryFactor !== undefined ? { factor: flags.retryFactor } : {}),
    ...(flags.retryMaxDelay !== undefined ? { maxDelayMs: flags.retryMaxDelay } : {}),
  };
  let result;
  try {
    result = await runBuild({
      config,
      selected: images,
      push: flags.push ?? false,
      ...(flags.parallel !== undefined ? { parallel: flags.parallel } : {}),
      failFast: flags.failFast ?? false,
      legacy: flags.legacy ?? false,
      ...(flags.batch ? {} : { batch: false }),
      force: flags.force ?? false,
      ...(flags.gates ? {} : { gates: false }),
      ...(flags.reportDir !== undefined ? { reportDir: flags.reportDir } : {}),
      ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout } : {}),
      retry,
      env: io.env,
      handleSignals: true,
      onEvent: (event) => renderer.onEvent(event),
    });
  } finally {
    renderer.close();
  }
  if (flags.json) io.stdout.write(`${JSON.stringify(result.report, null, 2)}\n`);
  else if (mode !== 'quiet') {
    io.stdout.write(`${renderSummaryTable(result.report, { color: colorEnabled(io.stdout, io.env) })}\n`);
    io.stdout.write(`report: ${result.files.json}\n`);
  }
  return exitCodeForRun(result);
}
