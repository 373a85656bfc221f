// Static assets: the one stylesheet (styles live here, not inline, so the CSP can forbid inline
// styles) and the favicon (served, so browsers do not log a 404 on every page).
import type { FastifyInstance } from 'fastify';
import { STYLESHEET } from '../../html/stylesheet.js';
import { DASHBOARD_STYLES } from '../pages/dashboard-styles.js';

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f4e8c"/><path d="M9 22V10h4v12zm6 0V10h8v3h-4v2h3v3h-3v4z" fill="#fff"/></svg>`;
const CACHE_CONTROL = 'public, max-age=300';

export function registerAssetRoutes(app: FastifyInstance): void {
  const stylesheet = `${STYLESHEET}\n${DASHBOARD_STYLES}`;
  app.get('/assets/style.css', (_request, reply) =>
    reply.header('cache-control', CACHE_CONTROL).type('text/css; charset=utf-8').send(stylesheet),
  );
  app.get('/assets/favicon.svg', (_request, reply) =>
    reply.header('cache-control', CACHE_CONTROL).type('image/svg+xml').send(FAVICON),
  );
  app.get('/favicon.ico', (_request, reply) => reply.redirect('/assets/favicon.svg', 301));
}
