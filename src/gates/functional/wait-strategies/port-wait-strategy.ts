// Ready when a container port accepts TCP connections through its published host port.
import { formatLimit } from '../check-messages.js';
import { probeTcp } from './tcp-probe.js';
import { resolveHostPort, type ProbeResult, type ProbeTarget, type WaitStrategy } from './wait-strategy.js';

const CONNECT_TIMEOUT_MS = 1000;

export class PortWaitStrategy implements WaitStrategy {
  readonly description: string;

  constructor(
    private readonly port: number,
    readonly timeoutMs: number,
  ) {
    this.description = `port ${port}`;
  }

  async probe(target: ProbeTarget): Promise<ProbeResult> {
    const resolved = resolveHostPort(target, this.port);
    if ('message' in resolved) return { status: 'failed', message: resolved.message };
    const problem = await probeTcp('127.0.0.1', resolved.hostPort, CONNECT_TIMEOUT_MS);
    return problem === undefined ? { status: 'ready' } : { status: 'waiting', last: problem };
  }

  timeoutMessage(last: string | undefined): string {
    const detail = last === undefined ? '' : ` (last: ${last})`;
    return `port ${this.port} not accepting TCP connections within ${formatLimit(this.timeoutMs)}${detail}`;
  }
}
