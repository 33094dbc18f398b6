// The Hono app: the same one serves `npm start` and AWS Lambda. Middleware for every request, then
// routers per resource in groups loaded when first used (route-groups.ts), one error mapper.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { requestId } from 'hono/request-id';
import { authenticate, consortiumAccess } from './access';
import type { AppDeps, AppEnv } from './env';
import type { GroupChecks, Handover } from './group-app';
import { originCheck } from './origin-check';
import { PUBLIC_OPERATIONS } from './policy';
import { onError, problem } from './problem';
import { requestLog } from './request-log';
import { NO_GROUP, groupOf, type RouteGroup } from './route-groups';
import { securityHeaders } from './security-headers';
import { translatingFaults } from '../files/faults';

/** Larger bodies answer 413 before any parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

/** The local file store's upload route (dev/file-routes.ts): it holds files to its form's own limit. */
const LOCAL_UPLOAD_PATH = '/api/files/upload';

export function createApp(appDeps: AppDeps) {
  // A busy file store answers 503 like a busy table, whichever store the runtime chose.
  const deps: AppDeps = { ...appDeps, files: translatingFaults(appDeps.files) };
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound((c) => problem(c, 404, 'not_found', `No route ${c.req.method} ${c.req.path}`));

  // On Lambda, API Gateway's own request id, which its access log line carries too.
  app.use('*', requestId({ generator: (c) => gatewayRequestId(c.env) ?? crypto.randomUUID() }));
  // Outside everything else, so that every answer (a refused origin, a 404, a 500) has its line.
  if (deps.requestLog) app.use('*', requestLog(deps.requestLog));
  // Every answer, API and static files alike (npm start serves the dashboard through this app).
  const headers = Object.entries(securityHeaders());
  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of headers) c.res.headers.set(name, value);
  });
  // Before anything reads the request or picks a route: a call that bypassed CloudFront gets only a 403.
  if (deps.originSecrets?.length) app.use('*', originCheck(deps.originSecrets));
  const apiBodyLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => problem(c, 413, 'too_large', `The body exceeds ${MAX_BODY_BYTES} bytes`) });
  app.use('/api/*', except(LOCAL_UPLOAD_PATH, apiBodyLimit));
  // The routes, in groups loaded on the first request under their paths (route-groups.ts); each
  // group's app is built once, runs the caller's checks then its routes, and gets the request with
  // what the middleware above learnt of it. One set of checks for every group: one cache of memberships.
  const checks: GroupChecks = {
    authenticate: authenticate(deps, new Set(Object.values(PUBLIC_OPERATIONS).map((path) => `/api/v1${path}`))),
    consortiumAccess: consortiumAccess(deps),
  };
  const handover: Handover = new WeakMap();
  const groups = new Map<RouteGroup, ReturnType<typeof loadGroup>>();
  const loadGroup = async (group: RouteGroup) => {
    const [{ groupApp }, routers] = await Promise.all([import('./group-app'), group.load()]);
    return groupApp(deps, routers, checks, handover);
  };
  app.all('/api/v1/*', async (c) => {
    // A path of no group still meets the checks (401 without a token) before its 404.
    const group = groupOf(c.req.path.slice('/api/v1'.length)) ?? NO_GROUP;
    // A failed load (a chunk missing from a broken deployment) is tried again by the next request.
    if (!groups.has(group)) groups.set(group, loadGroup(group).catch((error: unknown) => (groups.delete(group), Promise.reject(error))));
    const groupApp = await groups.get(group)!;
    handover.set(c.req.raw, c);
    return groupApp.fetch(c.req.raw, c.env);
  });

  // The OpenAPI document, built on the first request for it.
  let document: Promise<unknown> | undefined;
  app.get('/api/openapi.json', async (c) => {
    document ??= import('./openapi-document').then(({ openApiDocument }) => openApiDocument(deps));
    return c.json(await document);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;

/** What hono/aws-lambda puts in the context's env: the HTTP API event's request context. */
function gatewayRequestId(env: unknown): string | undefined {
  return (env as { requestContext?: { requestId?: string } } | undefined)?.requestContext?.requestId;
}
