// The Hono app: the same one serves `npm start` and AWS Lambda. Routers per resource, one error mapper.
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { requestId } from 'hono/request-id';
import { authenticate, consortiumAccess } from './access';
import type { AppDeps, AppEnv } from './env';
import { originCheck } from './origin-check';
import { requestLog } from './request-log';
import { securityHeaders } from './security-headers';
import { utf8JsonBody } from './utf8-body';
import { translatingFaults } from '../files/faults';
import { validationHook, onError, problem } from './problem';
import { funderRoutes, memberRoutes } from './routes/directory';
import { deliverableRoutes } from './routes/deliverables';
import { auditRoutes } from './routes/audit';
import { consortiumRoutes } from './routes/consortium';
import { exportRoutes } from './routes/exports';
import { shareRoutes } from './routes/share';
import { notificationRoutes } from './routes/notifications';
import { meRoutes } from './routes/me';
import { PUBLIC_OPERATIONS } from './policy';
import { peopleRoutes } from './routes/people';
import { phaseRoutes } from './routes/phases';
import { projectRoutes } from './routes/projects';
import { indicatorRoutes } from './routes/indicators';
import { offerRoutes } from './routes/offers';
import { trainingRoutes } from './routes/training';
import { budgetRoutes } from './routes/budget';
import { costRoutes } from './routes/costs';
import { cofinancingRoutes } from './routes/cofinancing';
import { paymentRoutes } from './routes/payments';

/** Larger bodies answer 413 before any parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

/** The local file store's upload route (dev/file-routes.ts): it holds files to its form's own limit. */
const LOCAL_UPLOAD_PATH = '/api/files/upload';

export const API_INFO = {
  title: 'Rete API',
  version: '0.1.0',
  description:
    'Project management for consortia of cooperatives running grant-funded projects. ' +
    'Errors are application/problem+json (RFC 9457); lists are paginated with opaque cursors; ' +
    'creates accept an Idempotency-Key header; updates carry the `version` they read. Every request ' +
    'carries a bearer access token; what it may do comes from the caller\'s membership of the consortium.',
};

export function createApp(appDeps: AppDeps) {
  // A busy file store answers 503 like a busy table, whichever store the runtime chose.
  const deps: AppDeps = { ...appDeps, files: translatingFaults(appDeps.files) };
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
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
  app.use('/api/v1/*', authenticate(deps, new Set(Object.values(PUBLIC_OPERATIONS).map((path) => `/api/v1${path}`))));
  app.use('/api/v1/consortia/:consortiumId/*', consortiumAccess(deps));
  app.use('/api/v1/consortia/:consortiumId', consortiumAccess(deps));
  // After access, so that a stranger to the consortium still gets its 404.
  app.use('/api/v1/*', utf8JsonBody);

  const v1 = [
    consortiumRoutes,
    memberRoutes,
    funderRoutes,
    peopleRoutes,
    projectRoutes,
    phaseRoutes,
    deliverableRoutes,
    auditRoutes,
    exportRoutes,
    shareRoutes,
    notificationRoutes,
    meRoutes,
    // Training paths, commercial offers and indicators
    trainingRoutes,
    offerRoutes,
    indicatorRoutes,
    // Budgets, costs, co-financing and payments
    budgetRoutes,
    costRoutes,
    cofinancingRoutes,
    paymentRoutes,
  ];
  for (const routes of v1) app.route('/api/v1', routes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A Cognito access token (locally, one from POST /api/dev/login)',
  });
  app.doc31('/api/openapi.json', { openapi: '3.1.0', info: API_INFO, servers: [{ url: '/' }], security: [{ bearer: [] }] });
  return app;
}

export type App = ReturnType<typeof createApp>;

/** What hono/aws-lambda puts in the context's env: the HTTP API event's request context. */
function gatewayRequestId(env: unknown): string | undefined {
  return (env as { requestContext?: { requestId?: string } } | undefined)?.requestContext?.requestId;
}
