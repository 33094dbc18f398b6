// The OpenAPI document of the API, built when it is first asked for (never at cold start): every
// route group's routers, in the order the document has always listed them, then the security scheme.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from './env';
import { auditRoutes } from './routes/audit';
import { budgetRoutes } from './routes/budget';
import { cofinancingRoutes } from './routes/cofinancing';
import { consortiumRoutes } from './routes/consortium';
import { costRoutes } from './routes/costs';
import { deliverableRoutes } from './routes/deliverables';
import { funderRoutes, memberRoutes } from './routes/directory';
import { exportRoutes } from './routes/exports';
import { indicatorRoutes } from './routes/indicators';
import { meRoutes } from './routes/me';
import { notificationRoutes } from './routes/notifications';
import { offerRoutes } from './routes/offers';
import { paymentRoutes } from './routes/payments';
import { peopleRoutes } from './routes/people';
import { myDataRoutes, privacyRoutes } from './routes/privacy';
import { phaseRoutes } from './routes/phases';
import { projectRoutes } from './routes/projects';
import { shareRoutes } from './routes/share';
import { trainingRoutes } from './routes/training';
import type { Routers } from './route-groups';

export const API_INFO = {
  title: 'Rete API',
  version: '0.1.0',
  description:
    'Project management for consortia of cooperatives running grant-funded projects. ' +
    'Errors are application/problem+json (RFC 9457); lists are paginated with opaque cursors; ' +
    'creates accept an Idempotency-Key header; updates carry the `version` they read. Every request ' +
    'carries a bearer access token; what it may do comes from the caller\'s membership of the consortium.',
};

/** Every router under /api/v1, in the document's order (route-groups.ts says which group serves each). */
export const DOCUMENTED_ROUTERS: Routers = [
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
  myDataRoutes,
  privacyRoutes,
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

export function openApiDocument(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  for (const routes of DOCUMENTED_ROUTERS) app.route('/api/v1', routes(deps));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A Cognito access token (locally, one from POST /api/dev/login)',
  });
  return app.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO, servers: [{ url: '/' }], security: [{ bearer: [] }] });
}
