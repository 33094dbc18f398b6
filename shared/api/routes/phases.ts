// Phases of a project: ordered stages with a gate that closes them once their work is accepted.
import { createRoute } from '@hono/zod-openapi';
import { firstVersion } from '../../domain/common';
import { z } from 'zod';
import { StaleVersionError } from '../../domain/errors';
import { Phase, PhaseCreate, PhaseOrder, PhasePatch, patchPhase, phaseMoves } from '../../domain/phase';
import { PhaseView, phaseView } from '../../domain/phase-view';
import type { AppDeps } from '../env';
import { idempotent } from '../idempotency';
import { actorOf } from '../access';
import { IdempotencyHeaders, PhaseParams, ProjectParams, body, json, newRouter, readErrors, writeErrors } from '../openapi';
import { guarded } from '../guard';

export function phaseRoutes(deps: AppDeps) {
  const { projects } = deps.store;
  const tags = ['Phases'];
  const base = '/consortia/{consortiumId}/projects/{projectId}/phases';
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: base, tags, summary: "List the project's phases in order, with derived progress",
      ...guarded(deps, 'phases.list'),
      request: { params: ProjectParams },
      responses: { 200: json(z.object({ items: z.array(PhaseView) }), 'The phases'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const { phases } = await projects.collection(consortiumId, projectId);
      return c.json({ items: phases.map((phase) => phaseView(phase, c.get('access'))) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: base, tags, summary: 'Add a phase',
      ...guarded(deps, 'phases.create', idempotent(deps)),
      request: { params: ProjectParams, headers: IdempotencyHeaders, body: body(PhaseCreate) },
      responses: { 201: json(Phase, 'The new phase'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const actor = actorOf(c.get('access'), deps);
      const phase: Phase = {
        id: deps.newId(),
        consortiumId,
        projectId,
        ...c.req.valid('json'),
        status: 'planned',
        ...firstVersion(actor.at),
      };
      return c.json(await projects.createPhase(phase, actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/{phaseId}`, tags, summary: 'Read a phase with its derived progress',
      ...guarded(deps, 'phases.get'),
      request: { params: PhaseParams },
      responses: { 200: json(PhaseView, 'The phase'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, phaseId } = c.req.valid('param');
      return c.json(phaseView(await projects.getPhase(consortiumId, projectId, phaseId), c.get('access')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch', path: `${base}/{phaseId}`, tags,
      summary: 'Change a phase; status follows planned → active → closed, and closes only when all its deliverables are accepted',
      ...guarded(deps, 'phases.update'),
      request: { params: PhaseParams, body: body(PhasePatch) },
      responses: { 200: json(Phase, 'The phase as changed'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, phaseId } = c.req.valid('param');
      const patch = c.req.valid('json');
      const actor = actorOf(c.get('access'), deps);
      const { entity: current, counters } = await projects.getPhase(consortiumId, projectId, phaseId);
      // Checked before the gate, so that a stale reader hears "reload", not a gate message.
      if (current.version !== patch.version) throw new StaleVersionError('phase', patch.version, current.version);
      const changes = patchPhase(current, counters, patch, actor.at);
      return c.json(await projects.updatePhase(current, patch.version, changes, actor), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/consortia/{consortiumId}/projects/{projectId}/phase-order', tags,
      summary: "Put the project's phases in a new order (each listed once with the version read), in one write",
      ...guarded(deps, 'phases.reorder'),
      request: { params: ProjectParams, body: body(PhaseOrder) },
      responses: { 200: json(z.object({ items: z.array(PhaseView) }), 'The phases in their new order'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const wanted = c.req.valid('json');
      const { phases } = await projects.collection(consortiumId, projectId);
      const moves = phaseMoves(phases.map((p) => p.entity), wanted);
      const order = { before: phases.map((p) => p.entity.id), after: wanted.phases.map((p) => p.id) };
      await projects.reorderPhases({ consortiumId, projectId }, moves, order, actorOf(c.get('access'), deps));
      const after = await projects.collection(consortiumId, projectId);
      return c.json({ items: after.phases.map((phase) => phaseView(phase, c.get('access'))) }, 200);
    },
  );

  return app;
}
