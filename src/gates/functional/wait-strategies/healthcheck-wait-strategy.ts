// Ready when the image's own HEALTHCHECK reports healthy; an unhealthy report fails at once, as in
// testcontainers, since the engine only says so after the configured retries.
import { excerpt, formatElapsed, formatLimit } from '../check-messages.js';
import type { ProbeResult, ProbeTarget, WaitStrategy } from './wait-strategy.js';

export class HealthcheckWaitStrategy implements WaitStrategy {
  readonly description = 'healthcheck';

  constructor(
    readonly timeoutMs: number,
    private readonly imageHasHealthcheck: boolean,
  ) {}

  probe(target: ProbeTarget): Promise<ProbeResult> {
    return Promise.resolve(this.evaluate(target));
  }

  private evaluate(target: ProbeTarget): ProbeResult {
    if (!this.imageHasHealthcheck) {
      return { status: 'failed', message: 'ready.healthcheck is set but the image has no HEALTHCHECK' };
    }
    const { health, healthOutput } = target.state;
    if (health === 'healthy') return { status: 'ready' };
    if (health === 'unhealthy') {
      const output = healthOutput ? `; last probe output: ${excerpt(healthOutput)}` : '';
      const after = formatElapsed(Date.now() - target.startedAt);
      return { status: 'failed', message: `container reported unhealthy after ${after}${output}` };
    }
    return { status: 'waiting', last: health ?? 'no health status yet' };
  }

  timeoutMessage(last: string | undefined): string {
    return `container not healthy within ${formatLimit(this.timeoutMs)} (health status: ${last ?? 'unknown'})`;
  }
}
