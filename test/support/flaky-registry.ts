// A registry that can go away and come back mid-run, for fault-injection tests: a real distribution
// registry (Debian's docker-registry) on a private loopback port, reached through a throttling TCP
// proxy on the public port. stop() kills the registry process (by pid) and makes the public port
// refuse connections, cutting uploads in flight; start() brings both back with the same storage.
// The throttle makes a small upload last long enough to be interrupted deterministically.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './registry.js';

export interface FlakyRegistryOptions {
  /** Upload speed through the public port (client → registry); downloads are not limited. */
  bytesPerSecond: number;
}

export interface FlakyRegistry {
  /** The public port: push to `localhost:<port>/...`. */
  port: number;
  /** Bytes uploaded through the public port since the registry started. */
  uploadedBytes(): number;
  /** Resolves once more than `bytes` have been uploaded through the public port. */
  whenUploaded(bytes: number): Promise<void>;
  /** Kills the registry process and refuses connections on the public port. */
  stop(): Promise<void>;
  /** Starts the registry again on the same storage and accepts connections again. */
  start(): Promise<void>;
  isUp(): boolean;
  tags(repository: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function startFlakyRegistry(options: FlakyRegistryOptions): Promise<FlakyRegistry> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-flaky-registry-'));
  const [port, privatePort] = [await freePort(), await freePort()];
  const config = path.join(dir, 'config.yml');
  await writeFile(
    config,
    `version: 0.1\nlog: {level: error}\nstorage: {filesystem: {rootdirectory: ${dir}/data}, delete: {enabled: true}}\nhttp: {addr: 127.0.0.1:${privatePort}}\n`,
  );
  let child: ChildProcess | undefined;
  const proxy = new ThrottlingProxy(privatePort, options.bytesPerSecond);
  const start = async (): Promise<void> => {
    child = spawn('docker-registry', ['serve', config], { stdio: 'ignore' });
    await waitFor(`http://127.0.0.1:${privatePort}/v2/`);
    await proxy.listen(port);
  };
  const stop = async (): Promise<void> => {
    await proxy.refuse();
    const running = child;
    child = undefined;
    if (running?.pid !== undefined && running.exitCode === null && running.signalCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    }
  };
  await start();
  return {
    port,
    uploadedBytes: () => proxy.uploaded,
    whenUploaded: (bytes) => proxy.whenUploaded(bytes),
    stop,
    start,
    isUp: () => child !== undefined,
    tags: async (repository) => {
      const response = await fetch(`http://127.0.0.1:${privatePort}/v2/${repository}/tags/list`).catch(
        () => undefined,
      );
      if (!response?.ok) return [];
      const body = (await response.json()) as { tags?: string[] | null };
      return body.tags ?? [];
    },
    close: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (
      await fetch(url).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`registry at ${url} not ready after 15s`);
}

/** Forwards the public port to the registry; client → registry bytes pass at a limited rate. */
class ThrottlingProxy {
  uploaded = 0;
  #server: net.Server | undefined;
  readonly #sockets = new Set<net.Socket>();
  readonly #waiters: Array<{ bytes: number; resolve: () => void }> = [];
  /** When the bucket next has room (ms since epoch): a single shared limit for all connections. */
  #nextFreeAt = 0;

  constructor(
    private readonly targetPort: number,
    private readonly bytesPerSecond: number,
  ) {}

  async listen(port: number): Promise<void> {
    if (this.#server) return;
    const server = net.createServer((client) => this.#forward(client));
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  }

  async refuse(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.resetAndDestroy();
    this.#sockets.clear();
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  whenUploaded(bytes: number): Promise<void> {
    if (this.uploaded > bytes) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ bytes, resolve }));
  }

  #forward(client: net.Socket): void {
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    upstream.pipe(client);
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      this.#count(chunk.length);
      const now = Date.now();
      this.#nextFreeAt = Math.max(this.#nextFreeAt, now) + (chunk.length / this.bytesPerSecond) * 1000;
      const wait = this.#nextFreeAt - now;
      if (wait > 5) {
        client.pause();
        setTimeout(() => client.resume(), wait);
      }
    });
    client.on('end', () => upstream.end());
  }

  #count(bytes: number): void {
    this.uploaded += bytes;
    for (const waiter of [...this.#waiters]) {
      if (this.uploaded <= waiter.bytes) continue;
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}
