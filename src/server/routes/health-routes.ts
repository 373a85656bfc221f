// Endpoints for machines: /healthz for load balancers and probes, /metrics for Prometheus.
import type { FastifyInstance } from 'fastify';
import { collectMetrics } from '../../metrics/render-metrics.js';
import { readMetricsFacts } from '../live-facts.js';
import type { ServerContext } from '../server-context.js';

export function registerHealthRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/healthz', async (_request, reply) => {
    try {
      await context.store.listRuns({ limit: 1 });
      return { status: 'ok', history: context.store.location };
    } catch (error: unknown) {
      return reply.code(503).send({
        status: 'unavailable',
        history: context.store.location,
        error: `the history store did not answer: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    try {
      const metrics = await collectMetrics(context.store, await readMetricsFacts(context.live));
      return reply.type(metrics.contentType).send(metrics.body);
    } catch (error: unknown) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(`# metrics unavailable: ${oneLine(error)}\n`);
    }
  });
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
}
