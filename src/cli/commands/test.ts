// `imageforge test IMAGE`: the functional tests of an image on their own, against any local image —
// the tests of a config image (`test controller`), or a spec file for any reference (`--spec`).
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseDocument } from 'yaml';
import { resolveDockerEndpoint } from '../../docker/docker-endpoint.js';
import { ErrorCode } from '../../errors/codes.js';
import { ImageforgeError } from '../../errors/imageforge-error.js';
import {
  imageTestSchema,
  resolveImageTestSpec,
  type ImageTestSpec,
} from '../../gates/functional/test-spec-schema.js';
import { TEST_SUITE_NAME, testCases } from '../../gates/gate-junit.js';
import { testLocalImage } from '../../gates/verify-image.js';
import { colorEnabled } from '../../progress/progress-mode.js';
import { ExitCode } from '../exit-code.js';
import type { CliIo } from '../io.js';
import { addConfigFlags, usageError, type ConfigFlags } from '../options.js';
import { renderTestGate } from '../gates/render-gates.js';
import { resolveStandaloneTarget } from '../gates/standalone-target.js';
import { writeJunitFile } from '../gates/write-junit.js';

interface TestFlags extends ConfigFlags {
  spec?: string;
  testsOf?: string;
  json?: boolean;
  junit?: string;
}

export function registerTest(program: Command, io: CliIo): void {
  const command = program
    .command('test')
    .description('run the functional tests of an image (container starts, files, commands, HTTP)')
    .argument('<image>', 'an image of imageforge.yaml, or any local image reference');
  addConfigFlags(command)
    .option('--spec <file>', 'YAML file with the tests (the shape of images.<name>.test)')
    .option('--tests-of <name>', 'use the tests of this config image against IMAGE')
    .option('--json', 'print the results as JSON')
    .option('--junit <file>', 'also write the results as JUnit XML')
    .action(async (image: string, flags: TestFlags) => {
      io.setExitCode(await runTest(image, flags, io));
    });
}

async function runTest(argument: string, flags: TestFlags, io: CliIo): Promise<number> {
  const target = await resolveStandaloneTarget(argument, flags);
  const spec = await specFor(argument, target, flags);
  const endpoint = await resolveDockerEndpoint(io.env);
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const test = await testLocalImage({
      reference: target.reference,
      spec,
      dockerHost: endpoint.host,
      signal: controller.signal,
    });
    if (flags.json) io.stdout.write(`${JSON.stringify(test, null, 2)}\n`);
    else io.stdout.write(renderTestGate(target.reference, test, colorEnabled(io.stdout, io.env)));
    if (flags.junit !== undefined) {
      await writeJunitFile(flags.junit, [
        {
          name: TEST_SUITE_NAME,
          timestamp: new Date().toISOString(),
          cases: testCases(target.reference, test),
        },
      ]);
    }
    if (controller.signal.aborted) return ExitCode.Interrupted;
    return test.status === 'passed' ? ExitCode.Ok : ExitCode.Failed;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

async function specFor(
  argument: string,
  target: Awaited<ReturnType<typeof resolveStandaloneTarget>>,
  flags: TestFlags,
): Promise<ImageTestSpec> {
  if (flags.spec !== undefined) return readSpecFile(flags.spec);
  const name = flags.testsOf ?? (target.image ? argument : undefined);
  if (name === undefined) {
    throw usageError(
      `no tests for ${argument}: it is not an image of the config`,
      'pass --spec tests.yaml, or --tests-of <config image>, or name an image of imageforge.yaml',
    );
  }
  const image = target.config?.images[name];
  if (image === undefined) throw usageError(`--tests-of ${name}: no such image in the config`);
  if (image.test === undefined) {
    throw usageError(
      `image ${name} has no tests`,
      `add images.${name}.test to imageforge.yaml (see docs/gates.md)`,
    );
  }
  return image.test;
}

async function readSpecFile(file: string): Promise<ImageTestSpec> {
  const fail = (message: string): ImageforgeError =>
    new ImageforgeError(`${file}: ${message}`, {
      code: ErrorCode.ConfigInvalid,
      category: 'config',
      hint: 'a spec file has the shape of images.<name>.test: metadata, files, commands, service',
      location: { file },
    });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    throw fail(`cannot read it (${error instanceof Error ? error.message : String(error)})`);
  }
  const document = parseDocument(text);
  if (document.errors.length > 0) throw fail(document.errors[0]?.message ?? 'not YAML');
  const raw: unknown = document.toJS();
  const body = raw !== null && typeof raw === 'object' && 'test' in raw ? raw.test : raw;
  const parsed = imageTestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fail(`${(issue?.path ?? []).map(String).join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`);
  }
  return resolveImageTestSpec(parsed.data);
}
