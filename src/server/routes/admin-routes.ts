// State-changing routes: only with a configured token, only with the right bearer token.
import type { FastifyInstance } from 'fastify';
import { pruneBodySchema, validate } from '../api-schemas.js';
import { checkBearerToken } from '../bearer-token.js';
import type { ServerContext } from '../server-context.js';
import { badRequest } from './api-routes.js';

export function registerAdminRoutes(app: FastifyInstance, context: ServerContext): void {
  app.post('/api/history/prune', async (request, reply) => {
    const access = checkBearerToken(request.headers.authorization, context.token);
    if (!access.ok) return reply.code(access.statusCode).send({ error: access.error });
    const body = validate(pruneBodySchema, request.body, 'body');
    if (!body.ok) return badRequest(reply, body.problem);
    const result = await context.store.prune({ maxAgeMs: body.value.maxAge, maxRuns: body.value.maxRuns });
    return { runsDeleted: result.runsDeleted };
  });
}
