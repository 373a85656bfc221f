// What a readiness check is: a probe run repeatedly against the started service container until it
// says ready, fails for good, or the strategy's limit passes (testcontainers' WaitStrategy).
import type { ContainerClient, ContainerState } from '../../../docker/container-client.js';

export interface ProbeTarget {
  client: ContainerClient;
  containerId: string;
  /** The latest inspection: the container is running when a probe is called. */
  state: ContainerState;
  /** Epoch ms when the container was started. */
  startedAt: number;
  /** The service's first port, used when a check names none. */
  defaultPort: number | undefined;
  signal: AbortSignal;
}

export type ProbeResult =
  | { status: 'ready' }
  /** `last` says what the latest probe saw, for the timeout message ("status 503"). */
  | { status: 'waiting'; last?: string }
  /** Waiting longer cannot help, e.g. the image has no HEALTHCHECK or reported unhealthy. */
  | { status: 'failed'; message: string };

export interface WaitStrategy {
  /** For the check's name, e.g. `log /Jenkins is fully up/`. */
  readonly description: string;
  readonly timeoutMs: number;
  probe(target: ProbeTarget): Promise<ProbeResult>;
  /** What did not happen within the limit, e.g. `no log line matching /x/ within 5s`. */
  timeoutMessage(last: string | undefined): string;
}

/** The host port published for a container port, or a message saying it is not published. */
export function resolveHostPort(
  target: ProbeTarget,
  port: number | undefined,
): { hostPort: number; port: number } | { message: string } {
  const published = Object.keys(target.state.ports).join(', ') || 'none';
  if (port === undefined) {
    return { message: 'no port to probe: the image exposes no TCP port and service.ports is empty' };
  }
  const hostPort = target.state.ports[port];
  if (hostPort === undefined) {
    return { message: `port ${port} is not published (published: ${published}); list it in service.ports` };
  }
  return { hostPort, port };
}
