// `test.commands`: runs each command in a fresh container of the image (entrypoint replaced by the
// command's argv) and compares exit code and output; a command past its timeout is killed.
import type { ContainerClient } from '../../docker/container-client.js';
import type { TestCheck } from '../gate-report.js';
import { errorMessage, formatLimit } from './check-messages.js';
import { checkFromProblems, failedCheck } from './check-result.js';
import { removeContainerQuietly } from './cleanup.js';
import {
  commandLabel,
  describeCommandMismatches,
  startFailureReason,
  type CommandResult,
} from './command-expectations.js';
import { lastLogLines } from './container-log-tail.js';
import { enterStage, type TestContext } from './test-context.js';
import type { CommandExpectation } from './test-spec-schema.js';

export async function runCommands(context: TestContext, commands: CommandExpectation[]): Promise<void> {
  for (const command of commands) {
    context.signal.throwIfAborted();
    const startedAt = enterStage(context, 'command', commandLabel(command));
    context.record(await runCommand(context, command, startedAt));
  }
}

async function runCommand(
  context: TestContext,
  command: CommandExpectation,
  startedAt: number,
): Promise<TestCheck> {
  const { client } = context;
  const name = commandLabel(command);
  let id: string | undefined;
  try {
    id = await client.createContainer({
      image: context.image,
      labels: context.labels,
      entrypoint: command.run,
      env: command.env,
      ...(command.user !== undefined && { user: command.user }),
    });
    const result = await runToEnd(context, id, command.timeoutMs);
    if (result === undefined) {
      const message = `${name}: did not finish within ${formatLimit(command.timeoutMs)}`;
      return failedCheck('command', name, startedAt, message, await lastLogLines(client, id));
    }
    const problems = describeCommandMismatches(command, result).map((problem) => `${name}: ${problem}`);
    const logs = problems.length > 0 ? await lastLogLines(client, id) : undefined;
    return checkFromProblems('command', name, startedAt, problems, logs);
  } catch (error: unknown) {
    context.signal.throwIfAborted();
    return failedCheck('command', name, startedAt, `${name}: could not run: ${errorMessage(error)}`);
  } finally {
    if (id !== undefined) await removeContainerQuietly(client, id);
  }
}

/** The command's result, or undefined when it was still running at the limit (it is killed then). */
async function runToEnd(
  context: TestContext,
  id: string,
  timeoutMs: number,
): Promise<CommandResult | undefined> {
  const { client } = context;
  const refused = await startOrExplain(client, id);
  if (refused !== undefined) return refused;
  const exitCode = await client.waitContainer(id, timeoutMs, context.signal);
  if (exitCode === undefined) {
    await client.killContainer(id);
    return undefined;
  }
  const output = await client.containerLogs(id);
  return { exitCode, stdout: output.stdout, stderr: output.stderr };
}

/**
 * A command the runtime cannot start (no such executable, unknown user) is a result, not an engine
 * error: the engine records the exit code a shell would give (127, 126, 128) and the reason.
 */
async function startOrExplain(client: ContainerClient, id: string): Promise<CommandResult | undefined> {
  try {
    await client.startContainer(id);
    return undefined;
  } catch (error: unknown) {
    const state = await client.inspectContainer(id);
    if (state.running || state.exitCode === 0) throw error;
    return {
      exitCode: state.exitCode,
      stdout: '',
      stderr: startFailureReason(state.error || errorMessage(error)),
    };
  }
}
