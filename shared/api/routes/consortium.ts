// The consortium itself (created by administration; read here).
import { createRoute } from '@hono/zod-openapi';
import { Consortium } from '../../domain/consortium';
import type { AppDeps } from '../env';
import { ConsortiumParams, json, newRouter, readErrors } from '../openapi';
import { guarded } from '../guard';

export function consortiumRoutes(deps: AppDeps) {
  const app = newRouter();
  app.openapi(
    createRoute({
      method: 'get', path: '/consortia/{consortiumId}', tags: ['Consortium'], summary: 'Read the consortium',
      ...guarded(deps, 'consortium.get'),
      request: { params: ConsortiumParams },
      responses: { 200: json(Consortium, 'The consortium'), ...readErrors },
    }),
    (c) => c.json(c.get('consortium'), 200),
  );
  return app;
}
