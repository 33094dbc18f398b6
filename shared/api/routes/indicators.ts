// Indicators of a project: targets with dated actuals, or computed from the suite's data; with progress.
import { createRoute } from '@hono/zod-openapi';
import { Id } from '../../domain/common';
import { StaleVersionError } from '../../domain/errors';
import { ActualInput, IndicatorCreate, IndicatorPatch, IndicatorWithProgress, addActual, progressOf, type ComputedSources, type Indicator } from '../../domain/indicator';
import { indicatorRepository } from '../../store/indicators';
import { actorOf, todayIn } from '../access';
import type { AppDeps } from '../env';
import { idempotent } from '../idempotency';
import { IdempotencyHeaders, PageQuery, ProjectParams, body, json, newRouter, pageOf, readErrors, writeErrors } from '../openapi';
import { guarded } from '../guard';

const IndicatorParams = ProjectParams.extend({ indicatorId: Id });

export function indicatorRoutes(deps: AppDeps) {
  const indicators = indicatorRepository(deps.store.db);
  const { projects } = deps.store;
  const tags = ['Indicators'];
  const base = '/consortia/{consortiumId}/projects/{projectId}/indicators';
  const item = `${base}/{indicatorId}`;
  const app = newRouter();

  /** Adds progress; computed indicators need the project's sources (two Queries), others none. */
  const withProgress = async (consortium: { id: string; timeZone: string }, projectId: string, list: Indicator[], today: string) => {
    let sources: ComputedSources | undefined;
    if (list.some((indicator) => indicator.metric)) {
      const { project, others } = await projects.collection(consortium.id, projectId);
      sources = await indicators.sources(project, others, today);
    }
    return list.map((indicator) => ({ ...indicator, progress: progressOf(indicator, sources, today) }));
  };

  app.openapi(
    createRoute({
      method: 'get', path: base, tags, summary: "List the project's indicators with their progress towards target",
      ...guarded(deps, 'indicators.list'),
      request: { params: ProjectParams, query: PageQuery },
      responses: { 200: json(pageOf(IndicatorWithProgress, 'IndicatorPage'), 'A page of indicators'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const consortium = c.get('consortium');
      const page = await indicators.list(consortiumId, projectId, c.req.valid('query'));
      return c.json({ items: await withProgress(consortium, projectId, page.items, todayIn(consortium, deps)), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: base, tags, summary: 'Add an indicator: typed in (actuals follow), or computed (`metric`)',
      ...guarded(deps, 'indicators.create', idempotent(deps)),
      request: { params: ProjectParams, headers: IdempotencyHeaders, body: body(IndicatorCreate) },
      responses: { 201: json(IndicatorWithProgress.omit({ progress: true }), 'The new indicator'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const actor = actorOf(c.get('access'), deps);
      const indicator: Indicator = { id: deps.newId(), consortiumId, projectId, ...c.req.valid('json'), actuals: [], version: 1, createdAt: actor.at, updatedAt: actor.at };
      return c.json(await indicators.create(indicator, actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: item, tags, summary: 'Read an indicator with its actuals and progress',
      ...guarded(deps, 'indicators.get'),
      request: { params: IndicatorParams },
      responses: { 200: json(IndicatorWithProgress, 'The indicator'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, indicatorId } = c.req.valid('param');
      const consortium = c.get('consortium');
      const indicator = await indicators.get(consortiumId, projectId, indicatorId);
      const [withProgressed] = await withProgress(consortium, projectId, [indicator], todayIn(consortium, deps));
      return c.json(withProgressed!, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch', path: item, tags, summary: 'Change an indicator (name, unit, baseline, target, target date; not what it computes)',
      ...guarded(deps, 'indicators.update'),
      request: { params: IndicatorParams, body: body(IndicatorPatch) },
      responses: { 200: json(IndicatorWithProgress.omit({ progress: true }), 'The indicator as changed'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, indicatorId } = c.req.valid('param');
      const { version, ...changes } = c.req.valid('json');
      const current = await indicators.get(consortiumId, projectId, indicatorId);
      return c.json(await indicators.update(current, version, changes, 'update', actorOf(c.get('access'), deps)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${item}/actuals`, tags,
      summary: 'Record a dated actual value (one per day: a second one that day replaces it); not for computed indicators',
      ...guarded(deps, 'indicators.addActual'),
      request: { params: IndicatorParams, body: body(ActualInput) },
      responses: { 200: json(IndicatorWithProgress.omit({ progress: true }), 'The indicator with the actual'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, indicatorId } = c.req.valid('param');
      const { version, ...actual } = c.req.valid('json');
      const actor = actorOf(c.get('access'), deps);
      const today = todayIn(c.get('consortium'), deps);
      // Without a version, a race with another writer is retried on a fresh read.
      for (let attempt = 1; ; attempt++) {
        const current = await indicators.get(consortiumId, projectId, indicatorId);
        const actuals = addActual(current, actual, { by: actor.personId, now: actor.at, today });
        try {
          return c.json(await indicators.update(current, version ?? current.version, { actuals }, 'add_actual', actor), 200);
        } catch (error) {
          if (!(error instanceof StaleVersionError) || version !== undefined || attempt >= 3) throw error;
        }
      }
    },
  );

  return app;
}
