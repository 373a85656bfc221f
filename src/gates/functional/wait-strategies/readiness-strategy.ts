// Picks the wait strategy for a service's `ready` setting (one of healthcheck, log, port, http, or
// the default: still running after a grace period).
import type { ImageConfig } from '../../../docker/container-client.js';
import type { Readiness } from '../test-spec-schema.js';
import { HealthcheckWaitStrategy } from './healthcheck-wait-strategy.js';
import { HttpWaitStrategy } from './http-wait-strategy.js';
import { LogWaitStrategy } from './log-wait-strategy.js';
import { PortWaitStrategy } from './port-wait-strategy.js';
import { RunningWaitStrategy } from './running-wait-strategy.js';
import type { WaitStrategy } from './wait-strategy.js';

export function createWaitStrategy(ready: Readiness, image: ImageConfig): WaitStrategy {
  switch (ready.kind) {
    case 'healthcheck':
      return new HealthcheckWaitStrategy(ready.timeoutMs, image.healthcheck !== undefined);
    case 'log':
      return new LogWaitStrategy(ready.pattern, ready.timeoutMs);
    case 'port':
      return new PortWaitStrategy(ready.port, ready.timeoutMs);
    case 'http':
      return new HttpWaitStrategy(ready, ready.timeoutMs);
    case 'running':
      return new RunningWaitStrategy(ready.timeoutMs);
  }
}
