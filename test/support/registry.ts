// Starts a throwaway distribution registry on a loopback port (the Debian docker-registry binary);
// stopped by pid, only ever the one this helper started.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface TestRegistry {
  port: number;
  stop(): Promise<void>;
  tags(repository: string, credentials?: { user: string; password: string }): Promise<string[]>;
}

export async function startRegistry(
  port: number,
  options: { htpasswd?: string } = {},
): Promise<TestRegistry> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-registry-'));
  const config = path.join(dir, 'config.yml');
  await writeFile(
    config,
    `version: 0.1\nlog: {level: error}\nstorage: {filesystem: {rootdirectory: ${dir}/data}, delete: {enabled: true}}\nhttp: {addr: 127.0.0.1:${port}}\n` +
      (options.htpasswd ? `auth: {htpasswd: {realm: imageforge-test, path: ${options.htpasswd}}}\n` : ''),
  );
  const child: ChildProcess = spawn('docker-registry', ['serve', config], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/v2/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    tags: async (repository, credentials) => {
      const headers: Record<string, string> = credentials
        ? {
            Authorization: `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`,
          }
        : {};
      const response = await fetch(`http://127.0.0.1:${port}/v2/${repository}/tags/list`, { headers });
      if (!response.ok) return [];
      const body = (await response.json()) as { tags?: string[] | null };
      return body.tags ?? [];
    },
    stop: async () => {
      if (child.pid !== undefined && child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
