// The default when no readiness is configured: the service must still be running after a short grace
// period, which catches images whose command exits or crashes at once.
import { formatLimit } from '../check-messages.js';
import type { ProbeResult, ProbeTarget, WaitStrategy } from './wait-strategy.js';

export class RunningWaitStrategy implements WaitStrategy {
  readonly description: string;

  constructor(readonly timeoutMs: number) {
    this.description = `still running after ${formatLimit(timeoutMs)}`;
  }

  probe(target: ProbeTarget): Promise<ProbeResult> {
    const ready = Date.now() - target.startedAt >= this.timeoutMs;
    return Promise.resolve(ready ? { status: 'ready' } : { status: 'waiting' });
  }

  timeoutMessage(): string {
    return `container not confirmed running for ${formatLimit(this.timeoutMs)}`;
  }
}
