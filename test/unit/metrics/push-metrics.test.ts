// pushMetrics against a real HTTP server on loopback standing in for the Pushgateway's answers
// (the real Pushgateway runs in test/itg/metrics-tools.itg.test.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pushMetrics } from '../../../src/metrics/push-metrics.js';
import { renderMetrics } from '../../../src/metrics/render-metrics.js';
import { sampleLiveFacts, sampleSnapshot } from './sample-snapshot.js';

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
}

const metrics = renderMetrics(sampleSnapshot(), sampleLiveFacts());
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(
  answer: (response: ServerResponse) => void,
  received: Received[] = [],
): Promise<string> {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: request.method, url: request.url, headers: request.headers, body });
      answer(response);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
}

describe('pushMetrics', () => {
  it('PUTs the exposition text to /metrics/job/<job>/<label>/<value> with Basic auth from the URL', async () => {
    const received: Received[] = [];
    const base = await listen((response) => response.writeHead(200).end(), received);

    await pushMetrics({
      url: base.replace('http://', 'http://ci:secret@'),
      job: 'imageforge',
      grouping: { instance: 'ci-1' },
      metrics,
    });

    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      method: 'PUT',
      url: '/metrics/job/imageforge/instance/ci-1',
      body: metrics.body,
    });
    expect(received[0]?.headers['content-type']).toBe(metrics.contentType);
    expect(received[0]?.headers.authorization).toBe(`Basic ${Buffer.from('ci:secret').toString('base64')}`);
  });

  it('fails with the HTTP status and the answer, naming the URL without credentials', async () => {
    const base = await listen((response) =>
      response.writeHead(400).end('pushed metrics are invalid or inconsistent with existing metrics\n'),
    );

    await expect(
      pushMetrics({ url: base.replace('http://', 'http://ci:secret@'), job: 'imageforge', metrics }),
    ).rejects.toMatchObject({
      code: 'IMAGEFORGE_PUSHGATEWAY_FAILED',
      category: 'environment',
      message: `Pushgateway ${base}/metrics/job/imageforge answered HTTP 400: pushed metrics are invalid or inconsistent with existing metrics`,
      details: { url: `${base}/metrics/job/imageforge`, status: 400 },
    });
  });

  it('gives up after timeoutMs when the Pushgateway does not answer', async () => {
    const base = await listen(() => undefined);

    await expect(
      pushMetrics({ url: base, job: 'imageforge', metrics, timeoutMs: 200 }),
    ).rejects.toMatchObject({
      code: 'IMAGEFORGE_PUSHGATEWAY_FAILED',
      message: `cannot push metrics to ${base}/metrics/job/imageforge: no answer within 200ms`,
    });
  });

  it('reports cancellation as IMAGEFORGE_CANCELLED when the caller aborts', async () => {
    const base = await listen(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    await expect(
      pushMetrics({ url: base, job: 'imageforge', metrics, signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'IMAGEFORGE_CANCELLED', category: 'cancelled' });
  });
});
