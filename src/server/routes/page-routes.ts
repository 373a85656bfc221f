// The dashboard's HTML pages: runs, one run, one image's trends (from history), and the engine's
// cache and builders (live). Bad input gets a 400 page, unknown runs a 404 page.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { HistoryStore } from '../../history/history-store.js';
import {
  imageParamsSchema,
  listRunsQuerySchema,
  runIdParamsSchema,
  trendsQuerySchema,
  validate,
  type TrendsParams,
  type ValidationProblem,
} from '../api-schemas.js';
import type { ServerContext } from '../server-context.js';
import { renderRunsPage } from '../pages/runs-page.js';
import { renderRunPage } from '../pages/run-page.js';
import { renderImagePage, type ImageBuildRow } from '../pages/image-page.js';
import { renderCachePage } from '../pages/cache-page.js';
import { renderBuildersPage } from '../pages/builders-page.js';
import { renderErrorPage } from '../pages/error-page.js';

const RECENT_BUILDS = 15;
const TREND_WINDOW_MS = 30 * 86_400_000;

export function registerPageRoutes(app: FastifyInstance, context: ServerContext): void {
  const location = context.store.location;
  const page = (reply: FastifyReply, document: string, status = 200): FastifyReply =>
    reply.code(status).type('text/html; charset=utf-8').send(document);
  const badInput = (reply: FastifyReply, problem: ValidationProblem): FastifyReply =>
    page(reply, renderErrorPage('Bad request', problem.error, location), 400);

  app.get('/', async (request, reply) => {
    const query = validate(listRunsQuerySchema, request.query, 'query');
    if (!query.ok) return badInput(reply, query.problem);
    const runs = await context.store.listRuns(query.value);
    return page(reply, renderRunsPage({ runs, query: query.value, historyLocation: location }));
  });

  app.get('/runs/:runId', async (request, reply) => {
    const params = validate(runIdParamsSchema, request.params, 'runId');
    if (!params.ok) return badInput(reply, params.problem);
    const run = await context.store.getRun(params.value.runId);
    if (!run)
      return page(
        reply,
        renderErrorPage('Run not found', `No run ${params.value.runId} in history.`, location),
        404,
      );
    return page(reply, renderRunPage(run, location));
  });

  app.get('/images/:image', async (request, reply) => {
    const params = validate(imageParamsSchema, request.params, 'image');
    if (!params.ok) return badInput(reply, params.problem);
    const query = validate(trendsQuerySchema, request.query, 'query');
    if (!query.ok) return badInput(reply, query.problem);
    const image = params.value.image;
    const recent = await recentBuilds(context.store, image);
    const trends = await context.store.trends(trendWindow(query.value, image, recent[0]?.run.startedAt));
    return page(reply, renderImagePage({ image, trends, recent, historyLocation: location }));
  });

  app.get('/cache', async (_request, reply) =>
    page(reply, renderCachePage(await context.live.readCache(), location)),
  );

  app.get('/builders', async (_request, reply) =>
    page(reply, renderBuildersPage(await context.live.readBuilders(), location)),
  );
}

async function recentBuilds(store: HistoryStore, image: string): Promise<ImageBuildRow[]> {
  const runs = await store.listRuns({ image, limit: RECENT_BUILDS });
  const details = await Promise.all(runs.map((run) => store.getRun(run.runId)));
  return runs.flatMap((run, index) => {
    const build = details[index]?.imageBuilds.find((candidate) => candidate.image === image);
    return build ? [{ run, build }] : [];
  });
}

/**
 * The 30 days up to now, reaching back to 30 days before the image's latest build when that is
 * older, so an image not built lately still shows its last month of builds.
 */
function trendWindow(query: TrendsParams, image: string, latestBuild: string | undefined) {
  const until = query.until ?? new Date();
  const anchor = latestBuild ? Math.min(new Date(latestBuild).getTime(), until.getTime()) : until.getTime();
  const since = query.since ?? new Date(anchor - TREND_WINDOW_MS);
  return { since, until, image, bucket: query.bucket ?? 'day', top: query.top };
}
