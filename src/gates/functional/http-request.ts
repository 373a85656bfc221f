// One HTTP request to a published port, bounded by its own timeout and the run's abort signal.
// Failures to connect are results ("connection refused"), so checks can retry and report them.
import { formatLimit } from './check-messages.js';

/** Bodies are read up to this size; patterns are matched against that prefix. */
export const BODY_LIMIT = 1024 * 1024;

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: string;
}

export type HttpAttempt = { answered: true; answer: HttpAnswer } | { answered: false; reason: string };

export interface HttpRequestOptions {
  method: string;
  url: string;
  timeoutMs: number;
  signal: AbortSignal;
}

/** Redirects are not followed, so a check can expect a 302. Throws only when `signal` aborted. */
export async function requestOnce(options: HttpRequestOptions): Promise<HttpAttempt> {
  try {
    const response = await fetch(options.url, {
      method: options.method,
      redirect: 'manual',
      signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.signal]),
    });
    const body = await readBody(response);
    return { answered: true, answer: { status: response.status, headers: response.headers, body } };
  } catch (error: unknown) {
    options.signal.throwIfAborted();
    return { answered: false, reason: describeFetchError(error, options.timeoutMs) };
  }
}

async function readBody(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const chunk: unknown = read.value;
    if (!(chunk instanceof Uint8Array)) continue;
    chunks.push(chunk);
    length += chunk.length;
    if (length >= BODY_LIMIT) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString('utf8');
}

/** `connection refused`, `no answer within 5s`, `connection closed without an answer`. */
export function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${formatLimit(timeoutMs)}`;
  const cause = error instanceof Error ? error.cause : undefined;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection closed without an answer';
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
