// Runs the functional tests of one built image (`images.<name>.test`) through the Docker Engine API:
// metadata, files, commands, then the running service. Every container it creates is removed.
import type { ContainerClient } from '../../docker/container-client.js';
import type { TestCheck, TestGate } from '../gate-report.js';
import { checkFiles } from './check-files.js';
import { checkMetadata } from './check-metadata.js';
import { errorMessage, formatLimit } from './check-messages.js';
import { removeTestContainers } from './cleanup.js';
import { containerLabels, createSessionId } from './container-labels.js';
import { runCommands } from './run-commands.js';
import { runService } from './run-service.js';
import { enterStage, type TestContext, type TestStage } from './test-context.js';
import type { ImageTestSpec } from './test-spec-schema.js';

export interface RunImageTestsOptions {
  /** The image reference, already in the engine's image store (it is never pulled). */
  image: string;
  spec: ImageTestSpec;
  client: ContainerClient;
  /** Labels every container, so `removeTestContainers(client, runId)` can clean up a whole run. */
  runId: string;
  /** Abort to stop waiting: containers are removed and the gate fails with a "cancelled" check. */
  signal?: AbortSignal;
  /** Called as each check completes, for live progress. */
  onCheck?: (check: TestCheck) => void;
}

/**
 * status is `passed` when every check passed, `failed` when one failed (or the run was cancelled or
 * hit spec.timeoutMs), and `error` with `error` set when the tests could not run at all.
 */
export async function runImageTests(options: RunImageTestsOptions): Promise<TestGate> {
  const startedAt = Date.now();
  const sessionId = createSessionId();
  const deadline = AbortSignal.timeout(options.spec.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const checks: TestCheck[] = [];
  const context: TestContext = {
    image: options.image,
    client: options.client,
    labels: containerLabels(options.runId, sessionId),
    signal,
    stage: { kind: 'metadata', name: 'image', startedAt },
    record: (check) => {
      checks.push(check);
      options.onCheck?.(check);
    },
  };
  let error: string | undefined;
  try {
    error = await runChecks(context, options.spec);
  } catch (caught: unknown) {
    if (!signal.aborted) error = `image tests could not run: ${errorMessage(caught)}`;
    else context.record(interruptedCheck(context.stage, interruptionMessage(options)));
  } finally {
    await removeTestContainers(options.client, sessionId).catch(() => 0);
  }
  return toTestGate(options.image, startedAt, checks, error);
}

/** undefined when the checks ran; otherwise why they could not. */
async function runChecks(context: TestContext, spec: ImageTestSpec): Promise<string | undefined> {
  context.signal.throwIfAborted();
  enterStage(context, 'metadata', 'image');
  const image = await context.client.inspectImage(context.image);
  if (image === undefined) return `image ${context.image} not found in the engine's image store`;
  if (spec.metadata) {
    context.record(checkMetadata(spec.metadata, image, enterStage(context, 'metadata', 'metadata')));
  }
  context.signal.throwIfAborted();
  await checkFiles(context, spec.files);
  context.signal.throwIfAborted();
  await runCommands(context, spec.commands);
  context.signal.throwIfAborted();
  if (spec.service) await runService(context, spec.service, image);
  return undefined;
}

function interruptionMessage(options: RunImageTestsOptions): string {
  if (options.signal?.aborted) return 'cancelled';
  return `image tests did not finish within ${formatLimit(options.spec.timeoutMs)}`;
}

function interruptedCheck(stage: TestStage, message: string): TestCheck {
  return {
    kind: stage.kind,
    name: stage.name,
    status: 'failed',
    durationMs: Date.now() - stage.startedAt,
    message,
  };
}

function toTestGate(
  image: string,
  startedAt: number,
  checks: TestCheck[],
  error: string | undefined,
): TestGate {
  const failed = checks.some((check) => check.status === 'failed');
  return {
    status: error !== undefined ? 'error' : failed ? 'failed' : 'passed',
    durationMs: Date.now() - startedAt,
    image,
    checks,
    ...(error !== undefined && { error }),
  };
}
