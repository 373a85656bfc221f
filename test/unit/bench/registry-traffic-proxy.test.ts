import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  isBlobDownload,
  startRegistryTrafficProxy,
  trafficBetween,
  type RegistryTrafficProxy,
} from '../../../bench/lib/registry-traffic-proxy.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

/** A stand-in registry: serves 1000 bytes per blob, echoes the Host header on manifests, reads uploads. */
async function startUpstream(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url?.includes('/blobs/')) response.end(Buffer.alloc(1000));
      else if (request.method === 'PUT') response.writeHead(201).end();
      else response.end(JSON.stringify({ host: request.headers.host }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('isBlobDownload', () => {
  it.each([
    { method: 'GET', url: `/v2/bench-cache/toolchain/blobs/${DIGEST}`, expected: true },
    { method: 'HEAD', url: `/v2/bench-cache/toolchain/blobs/${DIGEST}`, expected: false },
    { method: 'GET', url: '/v2/bench-cache/toolchain/manifests/1', expected: false },
    { method: 'GET', url: '/v2/x/blobs/uploads/1234?_state=abc', expected: false },
  ])('$method $url → $expected', ({ method, url, expected }) => {
    expect(isBlobDownload(method, url)).toBe(expected);
  });
});

describe('startRegistryTrafficProxy', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('forwards requests, keeps the Host header and counts what went each way', async () => {
    const upstream = await startUpstream();
    const proxy: RegistryTrafficProxy = await startRegistryTrafficProxy(upstream.port);
    cleanups.push(() => proxy.close(), upstream.close);
    const base = `http://${proxy.host.replace('localhost', '127.0.0.1')}`;
    const before = proxy.snapshot();

    const blob = await fetch(`${base}/v2/toolchain/blobs/${DIGEST}`);
    expect((await blob.arrayBuffer()).byteLength).toBe(1000);
    const manifest = (await (await fetch(`${base}/v2/toolchain/manifests/1`)).json()) as { host: string };
    expect(manifest.host).toBe(proxy.host.replace('localhost', '127.0.0.1'));
    await fetch(`${base}/v2/cache/blobs/uploads/1`, { method: 'PUT', body: 'x'.repeat(500) });

    const traffic = trafficBetween(before, proxy.snapshot());
    expect(traffic.blobBytesDownloaded).toBe(1000);
    expect(traffic.bytesDownloaded).toBe(1000 + JSON.stringify(manifest).length);
    expect(traffic.bytesUploaded).toBe(500);
    expect(traffic.requests).toBe(3);
  });

  it('answers 502 naming the upstream when the registry is down', async () => {
    const upstream = await startUpstream();
    await upstream.close();
    const proxy = await startRegistryTrafficProxy(upstream.port);
    cleanups.push(() => proxy.close());
    const response = await fetch(`http://${proxy.host.replace('localhost', '127.0.0.1')}/v2/`);
    expect(response.status).toBe(502);
    expect(await response.text()).toContain(`upstream 127.0.0.1:${upstream.port} failed`);
  });
});
