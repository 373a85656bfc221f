// `test.service`: starts the image as it would run (its own entrypoint and command, or
// service.command), publishes its ports on 127.0.0.1, waits until it is ready, then runs the HTTP checks.
import type { ImageConfig } from '../../docker/container-client.js';
import type { TestCheck } from '../gate-report.js';
import { errorMessage } from './check-messages.js';
import { failedCheck, passedCheck, skippedCheck } from './check-result.js';
import { removeContainerQuietly } from './cleanup.js';
import { startFailureReason } from './command-expectations.js';
import { lastLogLines } from './container-log-tail.js';
import { runHttpCheck } from './http-checks.js';
import { enterStage, type TestContext } from './test-context.js';
import type { ServiceExpectation } from './test-spec-schema.js';
import { createWaitStrategy } from './wait-strategies/readiness-strategy.js';
import { describeExit, waitForReadiness } from './wait-strategies/wait-for-readiness.js';

interface StartedService {
  id: string;
  startedAt: number;
  defaultPort: number | undefined;
}

export async function runService(
  context: TestContext,
  service: ServiceExpectation,
  image: ImageConfig,
): Promise<void> {
  const startedAt = enterStage(context, 'service', 'service');
  const ports = service.ports ?? exposedTcpPorts(image.exposedPorts);
  const id = await context.client.createContainer({
    image: context.image,
    labels: context.labels,
    env: service.env,
    ...(service.command && { cmd: service.command }),
    publishPorts: ports,
  });
  try {
    const startTime = await startService(context, id, startedAt);
    if (startTime === undefined) return skipHttpChecks(context, service, 'the service did not start');
    const started: StartedService = { id, startedAt: startTime, defaultPort: ports[0] };
    if (!(await checkReadiness(context, service, image, started))) {
      return skipHttpChecks(context, service, 'the service never became ready');
    }
    for (const check of service.http) await recordHttpCheck(context, check, started);
  } finally {
    await removeContainerQuietly(context.client, id);
  }
}

/** `["8080/tcp", "53/udp"]` → `[8080]`. */
export function exposedTcpPorts(exposed: string[]): number[] {
  return exposed
    .map((entry) => entry.split('/'))
    .filter(([, protocol]) => protocol === undefined || protocol === 'tcp')
    .map(([port]) => Number(port))
    .filter((port) => Number.isInteger(port) && port > 0);
}

/** The start time, or undefined when the runtime refused to start it (recorded as a failed check). */
async function startService(
  context: TestContext,
  id: string,
  startedAt: number,
): Promise<number | undefined> {
  try {
    await context.client.startContainer(id);
    return Date.now();
  } catch (error: unknown) {
    context.signal.throwIfAborted();
    const state = await context.client.inspectContainer(id);
    const reason = startFailureReason(state.error || errorMessage(error));
    const code = state.exitCode === 0 ? '' : ` (exit code ${state.exitCode})`;
    context.record(
      failedCheck('service', 'service', startedAt, `service: could not start: ${reason}${code}`),
    );
    return undefined;
  }
}

async function checkReadiness(
  context: TestContext,
  service: ServiceExpectation,
  image: ImageConfig,
  started: StartedService,
): Promise<boolean> {
  const strategy = createWaitStrategy(service.ready, image);
  const name = `readiness (${strategy.description})`;
  const startedAt = enterStage(context, 'readiness', name);
  const outcome = await waitForReadiness(strategy, {
    client: context.client,
    containerId: started.id,
    startedAt: started.startedAt,
    defaultPort: started.defaultPort,
    signal: context.signal,
  });
  if (outcome.ready) context.record(passedCheck('readiness', name, startedAt));
  else {
    const logs = await lastLogLines(context.client, started.id);
    context.record(failedCheck('readiness', name, startedAt, outcome.message, logs));
  }
  return outcome.ready;
}

async function recordHttpCheck(
  context: TestContext,
  check: ServiceExpectation['http'][number],
  started: StartedService,
): Promise<void> {
  enterStage(context, 'http', check.name);
  const state = await context.client.inspectContainer(started.id);
  const result = await runHttpCheck(check, {
    ports: state.ports,
    defaultPort: started.defaultPort,
    signal: context.signal,
  });
  context.record(result.status === 'failed' ? await withServiceState(context, result, started) : result);
}

/** A failed request says whether the service is still up, and carries its last log lines. */
async function withServiceState(
  context: TestContext,
  check: TestCheck,
  started: StartedService,
): Promise<TestCheck> {
  const state = await context.client.inspectContainer(started.id);
  const exited = state.running ? '' : `; ${describeExit(state, started.startedAt)}`;
  const logs = await lastLogLines(context.client, started.id);
  return { ...check, message: `${check.message ?? ''}${exited}`, ...(logs.length > 0 && { logs }) };
}

function skipHttpChecks(context: TestContext, service: ServiceExpectation, why: string): void {
  for (const check of service.http) context.record(skippedCheck('http', check.name, `skipped: ${why}`));
}
