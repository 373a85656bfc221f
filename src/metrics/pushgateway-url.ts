// Where a push goes: `<base>/metrics/job/<job>{/<label>/<value>}` with the Pushgateway's encoding for
// values a path segment cannot hold, and credentials moved from the URL into a header (fetch refuses
// URLs with credentials, and messages must never show them).
// https://github.com/prometheus/pushgateway#url
import { ErrorCode } from '../errors/codes.js';
import { ImageforgeError } from '../errors/imageforge-error.js';

export interface PushTarget {
  /** The URL to PUT to, without credentials. */
  url: string;
  /** `Basic …` when the base URL carried user:password. */
  authorization: string | undefined;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function resolvePushTarget(
  base: string,
  job: string,
  grouping: Record<string, string> = {},
): PushTarget {
  const url = parseBase(base);
  const authorization = basicAuthorization(url);
  url.username = '';
  url.password = '';
  const segments = [groupingSegment('job', job)];
  for (const [name, value] of Object.entries(grouping)) {
    if (!LABEL_NAME.test(name) || name === 'job') throw invalid(`grouping label name "${name}" is not valid`);
    segments.push(groupingSegment(name, value));
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/metrics/${segments.join('/')}`;
  return { url: url.toString(), authorization };
}

function parseBase(base: string): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    // No cause: Node's ERR_INVALID_URL carries the input, credentials included.
    throw invalid('the Pushgateway URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid(
      `Pushgateway URL ${url.protocol}//${url.host}${url.pathname} must start with http:// or https://`,
    );
  url.search = '';
  url.hash = '';
  return url;
}

/** Values containing `/` (or empty) go base64url-encoded with the `@base64` suffix on the name. */
function groupingSegment(name: string, value: string): string {
  if (name === 'job' && value === '') throw invalid('the Pushgateway job name must not be empty');
  if (value === '') return `${name}@base64/=`;
  if (value.includes('/')) return `${name}@base64/${Buffer.from(value).toString('base64url')}`;
  return `${name}/${encodeURIComponent(value)}`;
}

function basicAuthorization(url: URL): string | undefined {
  if (url.username === '' && url.password === '') return undefined;
  const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return `Basic ${Buffer.from(pair).toString('base64')}`;
}

function invalid(message: string): ImageforgeError {
  return new ImageforgeError(message, {
    code: ErrorCode.PushgatewayFailed,
    category: 'usage',
    hint: 'settings.metrics.pushgateway is the Pushgateway base URL, e.g. http://pushgateway:9091',
  });
}
