// Readiness of a managed engine: `GET /_ping` on its unix socket, polled until a bounded deadline.
import http from 'node:http';
import { z } from 'zod';

const versionSchema = z.object({ Version: z.string() });

/** True when the engine answers `/_ping` with OK within `timeoutMs`. */
export function pingEngine(socketPath: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ socketPath, path: '/_ping', timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(response.statusCode === 200 && body.trim() === 'OK'));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

export interface WaitForEngineOptions {
  deadlineMs: number;
  intervalMs?: number;
  /** Stop waiting early when this resolves (the daemon exited). */
  exited?: Promise<unknown>;
}

/** 'ready', 'exited' (daemon died first) or 'timeout'. */
export async function waitForEngine(
  socketPath: string,
  options: WaitForEngineOptions,
): Promise<'ready' | 'exited' | 'timeout'> {
  const deadline = Date.now() + options.deadlineMs;
  let exited = false;
  void options.exited?.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (await pingEngine(socketPath)) return 'ready';
    if (exited) return 'exited';
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
  return 'timeout';
}

/** The engine's version (`GET /version`), or undefined when it does not answer. */
export function engineVersion(socketPath: string, timeoutMs = 3000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const request = http.get({ socketPath, path: '/version', timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        try {
          const parsed = versionSchema.safeParse(JSON.parse(body));
          resolve(parsed.success ? parsed.data.Version : undefined);
        } catch {
          resolve(undefined);
        }
      });
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}
