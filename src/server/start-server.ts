// Binds the dashboard to an address: loopback unless a token guards it, port 0 for any free port.
// What `imageforge serve` runs, and what a program embedding the dashboard calls.
import type { FastifyInstance } from 'fastify';
import { createServer, type CreateServerOptions } from './create-server.js';
import { ImageforgeError } from '../errors/imageforge-error.js';
import { ErrorCode } from '../errors/codes.js';
import { assertBindAllowed, DEFAULT_HOST, serverUrl } from './bind-address.js';

export const DEFAULT_PORT = 8420;

export interface StartServerOptions extends CreateServerOptions {
  /** Default 127.0.0.1; anything else needs a token. */
  host?: string;
  /** Default 8420; 0 picks a free port. */
  port?: number;
}

export interface StartedServer {
  app: FastifyInstance;
  /** http://host:port actually bound (the real port when 0 was asked). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<StartedServer> {
  const host = options.host ?? DEFAULT_HOST;
  assertBindAllowed(host, options.token);
  const app = createServer(options);
  const port = options.port ?? DEFAULT_PORT;
  try {
    await app.listen({ host, port });
  } catch (error: unknown) {
    await app.close();
    throw listenError(host, port, error);
  }
  const address = app.server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  return { app, url: serverUrl(host, bound), port: bound, close: () => app.close() };
}

/** The address is a flag the user chose, so a taken port or a foreign address is a usage error. */
function listenError(host: string, port: number, error: unknown): ImageforgeError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'EADDRINUSE'
      ? 'the port is already in use'
      : code === 'EACCES'
        ? 'permission denied (ports below 1024 need privileges)'
        : code === 'EADDRNOTAVAIL'
          ? 'no network interface has this address'
          : error instanceof Error
            ? error.message
            : String(error);
  return new ImageforgeError(`cannot listen on ${serverUrl(host, port)}: ${reason}`, {
    code: ErrorCode.Usage,
    category: 'usage',
    cause: error,
    hint: 'choose another --port (0 picks a free one) or --host',
  });
}
