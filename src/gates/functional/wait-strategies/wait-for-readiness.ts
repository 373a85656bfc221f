// The readiness loop shared by every wait strategy: inspect the container, fail at once when it has
// exited, probe, and stop at the strategy's limit with a message naming what was awaited.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ContainerState } from '../../../docker/container-client.js';
import { formatElapsed } from '../check-messages.js';
import type { ProbeTarget, WaitStrategy } from './wait-strategy.js';

export type ReadinessOutcome = { ready: true } | { ready: false; message: string };

export const READINESS_POLL_MS = 250;

export async function waitForReadiness(
  strategy: WaitStrategy,
  target: Omit<ProbeTarget, 'state'>,
  intervalMs = READINESS_POLL_MS,
): Promise<ReadinessOutcome> {
  const deadline = target.startedAt + strategy.timeoutMs;
  let last: string | undefined;
  for (;;) {
    const state = await target.client.inspectContainer(target.containerId);
    if (!state.running) {
      return {
        ready: false,
        message: `readiness: ${describeExit(state, target.startedAt)} before it was ready`,
      };
    }
    const result = await strategy.probe({ ...target, state });
    if (result.status === 'ready') return { ready: true };
    if (result.status === 'failed') return { ready: false, message: `readiness: ${result.message}` };
    last = result.last ?? last;
    const left = deadline - Date.now();
    if (left <= 0) {
      return {
        ready: false,
        message: `readiness: ${strategy.timeoutMessage(last)}; container still running`,
      };
    }
    await sleep(Math.min(intervalMs, left), undefined, { signal: target.signal });
  }
}

/** `container exited with code 3 after 0.4s`, timed by the engine when it can. */
export function describeExit(state: ContainerState, startedAt: number): string {
  const from = state.startedAt ?? startedAt;
  const to = state.finishedAt ?? Date.now();
  const oom = state.oomKilled ? ' (killed: out of memory)' : '';
  const reason = state.error ? ` (${state.error})` : '';
  return `container exited with code ${state.exitCode}${oom}${reason} after ${formatElapsed(Math.max(0, to - from))}`;
}
