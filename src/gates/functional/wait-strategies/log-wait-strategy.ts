// Ready when the container prints a line matching a pattern (stdout or stderr), e.g. Jenkins'
// "Jenkins is fully up and running". Logs are polled, so no stream is left open on the engine.
import { formatLimit, formatPattern } from '../check-messages.js';
import { matchesValue } from '../text-patterns.js';
import type { ProbeResult, ProbeTarget, WaitStrategy } from './wait-strategy.js';

export class LogWaitStrategy implements WaitStrategy {
  readonly description: string;
  /** Lines already searched; the last two stay unchecked as they may still be partial. */
  private checked = 0;

  constructor(
    private readonly pattern: string,
    readonly timeoutMs: number,
  ) {
    this.description = `log ${formatPattern(pattern)}`;
  }

  async probe(target: ProbeTarget): Promise<ProbeResult> {
    const { lines } = await target.client.containerLogs(target.containerId);
    const found = lines.slice(this.checked).some((line) => matchesValue(this.pattern, line.text));
    this.checked = Math.max(0, lines.length - 2);
    return found ? { status: 'ready' } : { status: 'waiting', last: `${lines.length} lines` };
  }

  timeoutMessage(): string {
    return `no log line matching ${formatPattern(this.pattern)} within ${formatLimit(this.timeoutMs)}`;
  }
}
