// Who can reach the dashboard: loopback by default; any other address exposes the API to the
// network, which is only allowed when a token guards the state-changing routes.
import { ImageforgeError } from '../errors/imageforge-error.js';
import { ErrorCode } from '../errors/codes.js';
import { TOKEN_ENV } from './bearer-token.js';

export const DEFAULT_HOST = '127.0.0.1';

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Throws a usage error (exit 2) when `host` is not loopback and no token is configured. */
export function assertBindAllowed(host: string, token: string | undefined): void {
  if (isLoopbackHost(host) || token !== undefined) return;
  throw new ImageforgeError(
    `--host ${host}: refusing to listen beyond this machine without a token, ` +
      'because anyone on the network could then reach the API',
    {
      code: ErrorCode.Usage,
      category: 'usage',
      hint: `set ${TOKEN_ENV} (or --token-file <path>) to serve on ${host}, or keep the default --host ${DEFAULT_HOST}`,
    },
  );
}

/** http://host:port with IPv6 hosts bracketed. */
export function serverUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
