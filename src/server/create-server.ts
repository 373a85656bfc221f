// The dashboard and API as a fastify instance, not yet listening: tests `inject` requests into it,
// `startServer` binds it. Request logging is off so nothing (a token included) reaches a log.
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { ResolvedConfig } from '../config/types.js';
import type { HistoryStore } from '../history/history-store.js';
import type { LiveFactsProvider } from './live-facts.js';
import type { ServerContext } from './server-context.js';
import { addSecurityHeaders } from './security-headers.js';
import { registerApiRoutes } from './routes/api-routes.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerPageRoutes } from './routes/page-routes.js';
import { registerAssetRoutes } from './routes/asset-routes.js';
import { renderErrorPage } from './pages/error-page.js';

export interface CreateServerOptions {
  store: HistoryStore;
  config?: ResolvedConfig | undefined;
  /** Bearer token for state-changing routes; without one they answer 403. */
  token?: string | undefined;
  live: LiveFactsProvider;
}

export function createServer(options: CreateServerOptions): FastifyInstance {
  const context: ServerContext = {
    store: options.store,
    config: options.config,
    token: options.token,
    live: options.live,
  };
  const app = Fastify({
    logger: false,
    bodyLimit: 64 * 1024,
    routerOptions: { maxParamLength: 500 },
  });
  addSecurityHeaders(app);
  registerAssetRoutes(app);
  registerHealthRoutes(app, context);
  registerApiRoutes(app, context);
  registerAdminRoutes(app, context);
  registerPageRoutes(app, context);
  const location = context.store.location;
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    return answerError({ request, reply, location }, 404, `no such page: ${request.method} ${path}`);
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
    const message = status < 500 ? error.message : `internal error: ${error.message}`;
    return answerError({ request, reply, location }, status, message);
  });
  return app;
}

interface ErrorTarget {
  request: FastifyRequest;
  reply: FastifyReply;
  location: string;
}

/** JSON for machine routes (with `field` for bad input), an HTML page for the browser. */
function answerError({ request, reply, location }: ErrorTarget, status: number, message: string) {
  if (isMachineRoute(request.url)) {
    const field = status === 400 || status === 413 || status === 415 ? { field: 'body' } : {};
    return reply.code(status).send({ error: message, ...field });
  }
  const title = status === 404 ? 'Not found' : status < 500 ? 'Bad request' : 'Something went wrong';
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(renderErrorPage(title, message, location));
}

function isMachineRoute(url: string): boolean {
  return (
    url.startsWith('/api/') || url === '/api' || url.startsWith('/metrics') || url.startsWith('/healthz')
  );
}
