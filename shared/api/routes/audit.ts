// The audit trails: newest first, paginated, and their verification (coordinators only).
import { createRoute } from '@hono/zod-openapi';
import { AuditEntry, ChainVerification } from '../../domain/audit';
import type { AppDeps } from '../env';
import { ConsortiumParams, PageQuery, ProjectParams, json, newRouter, pageOf, readErrors } from '../openapi';
import { guarded } from '../guard';

const AuditPage = pageOf(AuditEntry, 'AuditPage');

export function auditRoutes(deps: AppDeps) {
  const { audit, projects } = deps.store;
  const tags = ['Audit'];
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: '/consortia/{consortiumId}/audit', tags,
      summary: "The consortium's own audit trail (members, funders, people), newest first",
      ...guarded(deps, 'audit.consortium'),
      request: { params: ConsortiumParams, query: PageQuery },
      responses: { 200: json(AuditPage, 'A page of audit entries'), ...readErrors },
    }),
    async (c) => c.json(await audit.list({ consortiumId: c.req.valid('param').consortiumId }, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/consortia/{consortiumId}/audit/verification', tags,
      summary: "Recompute the consortium's audit chain and report the first broken link",
      ...guarded(deps, 'audit.consortiumVerify'),
      request: { params: ConsortiumParams },
      responses: { 200: json(ChainVerification, 'The verification'), ...readErrors },
    }),
    async (c) => c.json(await audit.verify({ consortiumId: c.req.valid('param').consortiumId }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/consortia/{consortiumId}/projects/{projectId}/audit', tags,
      summary: "The project's audit trail, newest first",
      ...guarded(deps, 'audit.project'),
      request: { params: ProjectParams, query: PageQuery },
      responses: { 200: json(AuditPage, 'A page of audit entries'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      await projects.get(consortiumId, projectId);
      return c.json(await audit.list({ consortiumId, projectId }, c.req.valid('query')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/consortia/{consortiumId}/projects/{projectId}/audit/verification', tags,
      summary: "Recompute the project's audit chain and report the first broken link",
      ...guarded(deps, 'audit.projectVerify'),
      request: { params: ProjectParams },
      responses: { 200: json(ChainVerification, 'The verification'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      await projects.get(consortiumId, projectId);
      return c.json(await audit.verify({ consortiumId, projectId }), 200);
    },
  );

  return app;
}
