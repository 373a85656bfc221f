// Ready when an HTTP request to a published port answers with the expected status (default 200).
import { formatLimit } from '../check-messages.js';
import { requestOnce } from '../http-request.js';
import { resolveHostPort, type ProbeResult, type ProbeTarget, type WaitStrategy } from './wait-strategy.js';

const REQUEST_TIMEOUT_MS = 2000;

export interface HttpReadiness {
  path: string;
  port: number | undefined;
  status: number;
}

export class HttpWaitStrategy implements WaitStrategy {
  readonly description: string;
  /** The port probed, once known: for the timeout message. */
  private port: number | undefined;

  constructor(
    private readonly http: HttpReadiness,
    readonly timeoutMs: number,
  ) {
    this.port = http.port;
    this.description = `http GET ${http.path}${http.port === undefined ? '' : ` on port ${http.port}`}`;
  }

  async probe(target: ProbeTarget): Promise<ProbeResult> {
    const resolved = resolveHostPort(target, this.http.port ?? target.defaultPort);
    if ('message' in resolved) return { status: 'failed', message: resolved.message };
    this.port = resolved.port;
    const attempt = await requestOnce({
      method: 'GET',
      url: `http://127.0.0.1:${resolved.hostPort}${this.http.path}`,
      timeoutMs: Math.min(REQUEST_TIMEOUT_MS, this.timeoutMs),
      signal: target.signal,
    });
    if (!attempt.answered) return { status: 'waiting', last: attempt.reason };
    if (attempt.answer.status === this.http.status) return { status: 'ready' };
    return { status: 'waiting', last: `status ${attempt.answer.status}` };
  }

  timeoutMessage(last: string | undefined): string {
    const port = this.port === undefined ? '' : ` on port ${this.port}`;
    const detail = last === undefined ? '' : ` (last: ${last})`;
    return `GET ${this.http.path}${port} did not answer ${this.http.status} within ${formatLimit(this.timeoutMs)}${detail}`;
  }
}
