// Pushes metrics to a Prometheus Pushgateway after a run, for CI runners nobody scrapes. A PUT
// replaces the whole group (job + grouping labels), so series of images no longer built disappear.
import { ErrorCode } from '../errors/codes.js';
import { ImageforgeError } from '../errors/imageforge-error.js';
import type { RenderedMetrics } from './metrics-contract.js';
import { resolvePushTarget } from './pushgateway-url.js';

export interface PushMetricsOptions {
  /** Pushgateway base URL, e.g. `http://pushgateway:9091`; `user:password@` becomes Basic auth. */
  url: string;
  job: string;
  /** Extra grouping labels (e.g. `{ instance: hostname }`); must not be labels the metrics carry. */
  grouping?: Record<string, string>;
  metrics: RenderedMetrics;
  /** Default 10 000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export const DEFAULT_PUSH_TIMEOUT_MS = 10_000;

/** Answer bodies quoted in messages are cut to this length. */
const ANSWER_LIMIT = 300;

export async function pushMetrics(options: PushMetricsOptions): Promise<void> {
  const target = resolvePushTarget(options.url, options.job, options.grouping);
  const timeoutMs = options.timeoutMs ?? DEFAULT_PUSH_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const headers: Record<string, string> = { 'content-type': options.metrics.contentType };
  if (target.authorization) headers.authorization = target.authorization;
  let response: Response;
  let answer: string;
  try {
    response = await fetch(target.url, { method: 'PUT', headers, body: options.metrics.body, signal });
    answer = await response.text();
  } catch (error: unknown) {
    if (options.signal?.aborted) throw cancelled(target.url, error);
    throw failed(`cannot push metrics to ${target.url}: ${describeFetchError(error, timeoutMs)}`, error, {
      url: target.url,
    });
  }
  if (!response.ok) {
    const quoted = answer.trim().replace(/\s+/g, ' ').slice(0, ANSWER_LIMIT);
    const message = `Pushgateway ${target.url} answered HTTP ${response.status}${quoted ? `: ${quoted}` : ''}`;
    throw failed(message, undefined, { url: target.url, status: response.status });
  }
}

/** `connection refused (ECONNREFUSED)`, `no answer within 10000ms`. */
function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs}ms`;
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string') {
    return cause.code === 'ECONNREFUSED' ? 'connection refused (ECONNREFUSED)' : cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function failed(message: string, cause: unknown, details: Record<string, unknown>): ImageforgeError {
  return new ImageforgeError(message, {
    code: ErrorCode.PushgatewayFailed,
    category: 'environment',
    hint: 'check settings.metrics.pushgateway and that the Pushgateway is running and reachable',
    cause,
    details,
  });
}

function cancelled(url: string, cause: unknown): ImageforgeError {
  return new ImageforgeError(`pushing metrics to ${url} was cancelled`, {
    code: ErrorCode.Cancelled,
    category: 'cancelled',
    cause,
    details: { url },
  });
}
