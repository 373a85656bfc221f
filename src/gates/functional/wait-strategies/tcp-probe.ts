// One TCP probe of a published port. docker-proxy accepts on the host even when nothing listens in
// the container and then closes the connection, so a port counts as open only if it stays open.
import net from 'node:net';

/** How long an accepted connection must stay open to count (the proxy closes within milliseconds). */
export const STAY_OPEN_MS = 150;

/** undefined when the port accepts connections; otherwise what happened. */
export function probeTcp(host: string, port: number, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let settled = false;
    const finish = (result: string | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish('no connection within the probe timeout'), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      setTimeout(() => finish(undefined), STAY_OPEN_MS);
    });
    socket.once('close', () => finish('connection closed at once (nothing listening in the container)'));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish(error.code === 'ECONNREFUSED' ? 'connection refused' : error.message),
    );
  });
}
