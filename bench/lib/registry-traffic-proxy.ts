// A byte-counting HTTP proxy in front of the local registry. BuildKit's own progress reports the
// bytes of each blob per build, so one layer shared by several images of a bake session is counted
// once per image; the proxy measures what the registry actually served and received instead.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RegistryTraffic {
  /** Response bytes of GET requests: manifests and blobs pulled from the registry. */
  bytesDownloaded: number;
  /** Request body bytes: blobs and manifests pushed (cache exports, image pushes). */
  bytesUploaded: number;
  /** Response bytes of `GET /v2/<name>/blobs/<digest>` only: layers and configs pulled. */
  blobBytesDownloaded: number;
  requests: number;
}

export interface RegistryTrafficProxy {
  /** `localhost:<port>`: use it in image and cache refs instead of the registry's own address. */
  readonly host: string;
  /** Totals since the proxy started; subtract two snapshots to get one run's traffic. */
  snapshot(): RegistryTraffic;
  close(): Promise<void>;
}

export function emptyTraffic(): RegistryTraffic {
  return { bytesDownloaded: 0, bytesUploaded: 0, blobBytesDownloaded: 0, requests: 0 };
}

export function trafficBetween(before: RegistryTraffic, after: RegistryTraffic): RegistryTraffic {
  return {
    bytesDownloaded: after.bytesDownloaded - before.bytesDownloaded,
    bytesUploaded: after.bytesUploaded - before.bytesUploaded,
    blobBytesDownloaded: after.blobBytesDownloaded - before.blobBytesDownloaded,
    requests: after.requests - before.requests,
  };
}

const BLOB_GET = /^\/v2\/.+\/blobs\/sha256:[0-9a-f]{64}$/;

/** Whether a request fetches a blob (layer or config), as opposed to a manifest, tag list or upload. */
export function isBlobDownload(method: string, url: string): boolean {
  return method === 'GET' && BLOB_GET.test(url.split('?')[0] ?? '');
}

/**
 * Listens on 127.0.0.1 (a free port) and forwards everything to `upstreamPort` on 127.0.0.1. The Host
 * header is kept, so upload `Location` URLs the registry hands out point back at the proxy. Docker and
 * BuildKit talk plain HTTP to `localhost:*` registries, so no TLS is involved.
 */
export async function startRegistryTrafficProxy(upstreamPort: number): Promise<RegistryTrafficProxy> {
  const totals = emptyTraffic();
  const server = http.createServer((request, response) => {
    totals.requests++;
    const blob = isBlobDownload(request.method ?? '', request.url ?? '');
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (upstreamResponse) => {
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        upstreamResponse.on('data', (chunk: Buffer) => {
          if (request.method !== 'GET') return;
          totals.bytesDownloaded += chunk.length;
          if (blob) totals.blobBytesDownloaded += chunk.length;
        });
        upstreamResponse.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`registry traffic proxy: upstream 127.0.0.1:${upstreamPort} failed: ${error.message}`);
    });
    request.on('data', (chunk: Buffer) => {
      totals.bytesUploaded += chunk.length;
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: `localhost:${port}`,
    snapshot: () => ({ ...totals }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
