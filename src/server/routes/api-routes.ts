// The read-only JSON API: runs (filtered, paged), one run, and trends — every input validated, every
// problem answered as {error, field}.
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  listRunsQuerySchema,
  runIdParamsSchema,
  trendsQuerySchema,
  validate,
  type ValidationProblem,
} from '../api-schemas.js';
import type { ServerContext } from '../server-context.js';

export function registerApiRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/api/runs', async (request, reply) => {
    const query = validate(listRunsQuerySchema, request.query, 'query');
    if (!query.ok) return badRequest(reply, query.problem);
    const runs = await context.store.listRuns(query.value);
    const last = runs.at(-1);
    return { runs, nextBefore: runs.length >= query.value.limit && last ? last.runId : undefined };
  });

  app.get('/api/runs/:runId', async (request, reply) => {
    const params = validate(runIdParamsSchema, request.params, 'runId');
    if (!params.ok) return badRequest(reply, params.problem);
    const run = await context.store.getRun(params.value.runId);
    if (!run) return reply.code(404).send({ error: `run ${params.value.runId} not found`, field: 'runId' });
    return run;
  });

  app.get('/api/trends', async (request, reply) => {
    const query = validate(trendsQuerySchema, request.query, 'query');
    if (!query.ok) return badRequest(reply, query.problem);
    return context.store.trends(query.value);
  });
}

export function badRequest(reply: FastifyReply, problem: ValidationProblem): FastifyReply {
  return reply.code(400).send(problem);
}
