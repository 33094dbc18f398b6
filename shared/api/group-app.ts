// A route group's own app, loaded with the group: the request's context as the outer app left it
// (its request id), the caller's checks, the group's routers, the same error mapping.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from './env';
import { onError, problem, validationHook } from './problem';
import { routeOf } from './request-log';
import type { Routers } from './route-groups';
import { utf8JsonBody } from './utf8-body';

/** The outer app's context of each request handed to a group: what it knows of the caller so far. */
export type Handover = WeakMap<Request, Context<AppEnv>>;

/** Who is calling (the token) and their membership of the consortium in the path: built once per app (access.ts). */
export interface GroupChecks {
  authenticate: MiddlewareHandler<AppEnv>;
  consortiumAccess: MiddlewareHandler<AppEnv>;
}

export function groupApp(deps: AppDeps, routers: Routers, checks: GroupChecks, handover: Handover) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(onError);
  app.notFound((c) => problem(c, 404, 'not_found', `No route ${c.req.method} ${c.req.path}`));
  app.use('*', async (c, next) => {
    const outer = handover.get(c.req.raw);
    for (const [name, value] of Object.entries(outer?.var ?? {})) c.set(name as never, value as never);
    await next();
    // The request log (outside, in the outer app) names the route this app chose.
    outer?.set('route', routeOf(c));
  });
  app.use('/api/v1/*', checks.authenticate);
  app.use('/api/v1/consortia/:consortiumId/*', checks.consortiumAccess);
  app.use('/api/v1/consortia/:consortiumId', checks.consortiumAccess);
  // After access, so that a stranger to the consortium still gets its 404.
  app.use('/api/v1/*', utf8JsonBody);
  for (const routes of routers) app.route('/api/v1', routes(deps));
  return app;
}
